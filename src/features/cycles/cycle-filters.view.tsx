/** The locality and sector choices of a cycle's filter forms (monitoring and results). */
import { Select } from '../../views/govuk/select.tsx';
import { sectorLabel } from '../agencies/sectors.ts';

export function LocalityFilter(props: {
  localities: Array<{ id: string; name: string }>;
  value: string | undefined;
}) {
  return (
    <Select
      name="locality"
      label={{ text: 'Locality' }}
      value={props.value ?? ''}
      items={[
        { value: '', text: 'All localities' },
        ...props.localities.map((l) => ({ value: l.id, text: l.name })),
      ]}
    />
  );
}

export function SectorFilter(props: { sectors: string[]; value: string | undefined }) {
  return (
    <Select
      name="sector"
      label={{ text: 'Sector' }}
      value={props.value ?? ''}
      items={[
        { value: '', text: 'All sectors' },
        ...props.sectors.map((s) => ({ value: s, text: sectorLabel(s) })),
      ]}
    />
  );
}
