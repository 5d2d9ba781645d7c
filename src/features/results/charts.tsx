/**
 * Charts as inline SVG, drawn on the server: no JavaScript, no inline styles (colours come from
 * classes in app.scss). Each is an image with a title and a description that states its figures;
 * the page always shows the same figures in a table beside it.
 */
import { escapeHtml } from '@kitajs/html';

export interface ChartSegment {
  /** What the segment counts ("Green"). */
  label: string;
  value: number;
  /** Its colour: a modifier of `app-chart__bar` (red, amber, green, grey, blue). */
  tone: 'red' | 'amber' | 'green' | 'grey' | 'blue';
}

export interface ChartBar {
  label: string;
  segments: ChartSegment[];
}

const WIDTH = 520;
const LABEL_WIDTH = 190;
const BAR_HEIGHT = 28;
const GAP = 10;
const TOP = 8;

function shorten(text: string, max = 22): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The text alternative: every bar's figures, in words. */
export function chartDescription(bars: ChartBar[]): string {
  return bars
    .map(
      (b) =>
        `${b.label}: ${b.segments.map((s) => (s.label ? `${s.value} ${s.label}` : String(s.value))).join(', ')}.`,
    )
    .join(' ');
}

/** Horizontal bars, each made of segments stacked left to right, on one scale (the largest total). */
export function StackedBarChart(props: {
  id: string;
  title: string;
  bars: ChartBar[];
  /** A key to the colours; leave out when each bar's label says what it counts. */
  legend?: boolean;
}): JSX.Element {
  const { id, bars } = props;
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)));
  const plot = WIDTH - LABEL_WIDTH - 8;
  const height = TOP * 2 + bars.length * (BAR_HEIGHT + GAP);
  const tones = [...new Map(bars.flatMap((b) => b.segments).map((s) => [s.tone, s.label])).entries()];
  return (
    <figure class="app-chart">
      <svg
        class="app-chart__svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        focusable="false"
      >
        <title id={`${id}-title`} safe>
          {props.title}
        </title>
        <desc id={`${id}-desc`} safe>
          {chartDescription(bars)}
        </desc>
        {bars.map((bar, i) => {
          const y = TOP + i * (BAR_HEIGHT + GAP);
          let x = LABEL_WIDTH;
          return (
            <g>
              <text class="app-chart__label" x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2 + 5} text-anchor="end">
                {escapeHtml(shorten(bar.label))}
              </text>
              {bar.segments.map((s) => {
                const w = (s.value / max) * plot;
                const at = x;
                x += w;
                if (s.value === 0) return '';
                return (
                  <g>
                    <rect
                      class={`app-chart__bar app-chart__bar--${s.tone}`}
                      x={at.toFixed(1)}
                      y={String(y)}
                      width={w.toFixed(1)}
                      height={String(BAR_HEIGHT)}
                    />
                    {w >= 18 ? (
                      <text
                        class={`app-chart__value app-chart__value--${s.tone}`}
                        x={(at + w / 2).toFixed(1)}
                        y={y + BAR_HEIGHT / 2 + 5}
                        text-anchor="middle"
                        safe
                      >
                        {String(s.value)}
                      </text>
                    ) : (
                      ''
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {props.legend === false ? (
        ''
      ) : (
        <figcaption class="govuk-body-s app-chart__legend">
          {tones.map(([tone, label]) => (
            <span class="app-chart__key">
              <span class={`app-chart__swatch app-chart__bar--${tone}`} aria-hidden="true" />
              {escapeHtml(label)}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
