import type { Command, CommandState } from '../api/types';
import { mergeCommand } from './liveFeed';

function command(id: string, states: CommandState[], issuedAt = '2026-11-25T10:00:00Z'): Command {
  return {
    id, householdId: 'h', deviceId: 'treat-dispenser', kind: 'dispense', args: {}, issuedBy: 'jo', issuedAt,
    expiresAt: issuedAt, doseId: null, state: states[states.length - 1], updatedAt: issuedAt,
    events: states.map((state) => ({ state, at: issuedAt, source: 'hub', detail: null })),
  };
}

describe('mergeCommand', () => {
  it('replaces a command with its newer state', () => {
    const list = mergeCommand([command('a', ['queued'])], command('a', ['queued', 'delivered', 'executing']));
    expect(list.map((c) => c.state)).toEqual(['executing']);
  });

  it('never moves a command back when a late message arrives', () => {
    const list = mergeCommand([command('a', ['queued', 'delivered', 'executing', 'succeeded'])], command('a', ['queued']));
    expect(list[0].state).toBe('succeeded');
  });

  it('keeps the newest first and no more than asked', () => {
    let list: Command[] = [];
    for (let i = 0; i < 12; i++) list = mergeCommand(list, command(`c${i}`, ['queued'], `2026-11-25T10:00:${String(i).padStart(2, '0')}Z`), 10);
    expect(list).toHaveLength(10);
    expect(list[0].id).toBe('c11');
    expect(list[9].id).toBe('c2');
  });
});
