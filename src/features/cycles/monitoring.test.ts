import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countStatuses,
  filterAndSort,
  type MonitoringRow,
  monitoringStatus,
  parseMonitoringQuery,
} from './monitoring.ts';

const deadline = new Date('2026-12-21T17:00:00Z');
const row = (over: Partial<MonitoringRow>): MonitoringRow => ({
  returnId: 'r',
  agencyId: 'a',
  agencyName: 'Agency',
  sector: 'police',
  statutory: true,
  localityIds: ['north'],
  localityNames: ['North'],
  returnStatus: 'not_started',
  status: 'not_started',
  themeIds: [],
  completedThemes: 0,
  totalThemes: 10,
  percentComplete: 0,
  lastActivityAt: null,
  submittedAt: null,
  reference: null,
  leadName: null,
  leadEmail: null,
  deadline,
  extendedUntil: null,
  ...over,
});

describe('monitoring status', () => {
  const before = new Date('2026-12-01T10:00:00Z');
  const after = new Date('2026-12-21T17:00:00Z');
  it('is overdue from the closing moment for anything not submitted', () => {
    assert.equal(monitoringStatus('in_progress', deadline, before), 'in_progress');
    assert.equal(monitoringStatus('in_progress', deadline, after), 'overdue');
    assert.equal(monitoringStatus('not_started', deadline, after), 'overdue');
    assert.equal(monitoringStatus('returned', deadline, before), 'returned');
    assert.equal(monitoringStatus('returned', deadline, after), 'returned', 'it waits on its changes');
  });
  it('counts submitted and resubmitted alike, and never calls them overdue', () => {
    assert.equal(monitoringStatus('submitted', deadline, after), 'submitted');
    assert.equal(monitoringStatus('resubmitted', deadline, after), 'submitted');
    assert.equal(monitoringStatus('accepted', deadline, after), 'accepted');
  });
});

describe('the status table', () => {
  const rows = [
    row({ agencyName: 'b police', sector: 'police', status: 'overdue', percentComplete: 10 }),
    row({
      agencyName: 'A trust',
      sector: 'nhs-trust',
      status: 'submitted',
      percentComplete: 100,
      localityIds: ['south'],
    }),
    row({ agencyName: 'c council', sector: 'district-council', status: 'in_progress', percentComplete: 50 }),
  ];
  it('reads unknown query values as no filter and the default sort', () => {
    assert.deepEqual(parseMonitoringQuery({ sort: 'drop table', direction: 'sideways', status: '' }), {
      locality: undefined,
      sector: undefined,
      status: undefined,
      sort: 'agency',
      direction: 'asc',
    });
  });
  it('sorts case-insensitively by name, and by progress or status either way', () => {
    const names = (q: Record<string, string>) =>
      filterAndSort(rows, parseMonitoringQuery(q)).map((r) => r.agencyName);
    assert.deepEqual(names({}), ['A trust', 'b police', 'c council']);
    assert.deepEqual(names({ sort: 'progress', direction: 'desc' }), ['A trust', 'c council', 'b police']);
    assert.deepEqual(names({ sort: 'status' }), ['b police', 'c council', 'A trust']);
  });
  it('filters by locality, sector and status together', () => {
    const q = parseMonitoringQuery({ locality: 'north', sector: 'police' });
    assert.deepEqual(
      filterAndSort(rows, q).map((r) => r.agencyName),
      ['b police'],
    );
    assert.deepEqual(
      filterAndSort(rows, parseMonitoringQuery({ locality: 'south' })).map((r) => r.agencyName),
      ['A trust'],
    );
  });
  it('counts every status', () => {
    const counts = countStatuses(rows);
    assert.equal(counts.invited, 3);
    assert.equal(counts.overdue, 1);
    assert.equal(counts.submitted, 1);
    assert.equal(counts.in_progress, 1);
    assert.equal(counts.not_started, 0);
  });
});
