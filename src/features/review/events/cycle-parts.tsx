/** What the cycle's review pages share: the caption naming the audit, and the way back to it. */
import type { CycleInfo } from '../../../domain/cycle-access.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';

export type Cycle = Pick<CycleInfo, 'id' | 'name' | 'partnershipName'>;

export function Caption(props: { cycle: Cycle }): JSX.Element {
  return (
    <span class="govuk-caption-l" safe>
      {props.cycle.name}
    </span>
  );
}

export const back = (cycle: Cycle) => <BackLink href={`/cycles/${cycle.id}`} text="Back to the audit" />;
