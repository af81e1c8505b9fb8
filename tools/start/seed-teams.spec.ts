// The seeded demo's outreach teams (issue 19): created when outreach has none, so POST /plans works without set-up.
import { DEMO_OUTREACH_TEAMS, demoTeamsToCreate } from './seed';

describe('demo outreach teams', () => {
  it('three teams of the Mbay office, each with a recording kit, offering every service kind outreach plans', () => {
    expect(DEMO_OUTREACH_TEAMS.map((t) => t.name)).toEqual(['Tim Jemput Bola 1 (Mbay)', 'Tim Jemput Bola 2 (Mbay)', 'Tim Jemput Bola 3 (Mbay)']);
    for (const t of DEMO_OUTREACH_TEAMS) {
      expect(t.services).toEqual(['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER']);
      expect(t.equipment).toContain('EKTP_RECORDING_KIT');
      expect(t.capacity).toEqual({ EKTP_RECORDING: 60 });
    }
  });

  it('all of them when outreach has no team, the rest after an interrupted seed, none beside an office’s own teams', () => {
    expect(demoTeamsToCreate([])).toHaveLength(3);
    expect(demoTeamsToCreate([{ name: 'Tim Jemput Bola 1 (Mbay)' }]).map((t) => t.name)).toEqual(['Tim Jemput Bola 2 (Mbay)', 'Tim Jemput Bola 3 (Mbay)']);
    expect(demoTeamsToCreate([{ name: 'Tim Aesesa' }])).toEqual([]);
  });
});
