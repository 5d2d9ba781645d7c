/** How agency sectors are named to people. */
import type { AgencySector } from '../../db/schema.ts';

export const SECTOR_LABELS: Record<AgencySector, string> = {
  'la-childrens-services': 'Local authority: children’s services',
  'la-adult-social-care': 'Local authority: adult social care',
  'la-education': 'Local authority: education',
  'la-housing': 'Local authority: housing',
  'la-public-health': 'Local authority: public health',
  'la-other': 'Local authority: other council services',
  'district-council': 'District council',
  'nhs-trust': 'NHS trust or foundation trust',
  'integrated-care-board': 'Integrated care board',
  'general-practice': 'General practice',
  'other-health': 'Other health provider',
  police: 'Police',
  'british-transport-police': 'British Transport Police',
  probation: 'Probation',
  'prison-yoi': 'Prison or young offender institution',
  'secure-training-centre': 'Secure training centre or secure college',
  'youth-justice': 'Youth justice service',
  cafcass: 'Cafcass',
  'school-college': 'School or college',
  'early-years': 'Early years or childcare',
  'voluntary-community-faith': 'Voluntary, community or faith organisation',
  'commissioned-provider': 'Commissioned or private provider',
  other: 'Other',
};

/** A sector's name, or the key itself for one no longer known. */
export function sectorLabel(sector: string): string {
  return SECTOR_LABELS[sector as AgencySector] ?? sector;
}
