import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError, type WillowApi } from '../api/client';
import type { Device, Household, RegimenRequest } from '../api/types';
import { RegimenEditor, span, toRequest, validateRegimen, type RegimenForm } from './RegimenEditor';

const form: RegimenForm = {
  petId: 'p', medication: 'clomipramine', amount: '1 tablet', portions: '1', kind: 'every', everyHours: '8', times: '07:00, 19:00',
  cron: '', startsAt: '2026-12-01T07:00', endsAt: '2026-12-29T07:00', windowBeforeMinutes: '45', windowAfterMinutes: '45',
  minimumIntervalHours: '6', deviceId: 'pills', callFirst: false, callDeviceId: '', photoAfter: false,
};

describe('validateRegimen', () => {
  it('accepts the issue\u2019s example and writes it as the API reads it', () => {
    expect(validateRegimen(form, true)).toEqual({});
    expect(toRequest(form, true)).toMatchObject({
      petId: 'p', schedule: { kind: 'every', every: '08:00:00' }, windowBefore: '00:45:00', minimumInterval: '06:00:00', endsAt: '2026-12-29T07:00',
    });
  });

  it.each([
    [{ medication: ' ' }, 'medication'],
    [{ portions: '9' }, 'portions'],
    [{ everyHours: '0' }, 'schedule.every'],
    [{ kind: 'timesOfDay', times: '07:00, 07:00' }, 'schedule.times'],
    [{ kind: 'timesOfDay', times: '25:00' }, 'schedule.times'],
    [{ endsAt: '2026-11-01T07:00' }, 'endsAt'],
    [{ windowAfterMinutes: String(8 * 24 * 60) }, 'windowAfter'],
    [{ deviceId: '' }, 'deviceId'],
    [{ petId: '' }, 'petId'],
  ] as [Partial<RegimenForm>, string][])('names the field the API would name: %o → %s', (change, field) => {
    expect(Object.keys(validateRegimen({ ...form, ...change }, true))).toEqual([field]);
  });

  it('writes minutes as .NET durations, days included', () => {
    expect(span(45)).toBe('00:45:00');
    expect(span(36 * 60)).toBe('1.12:00:00');
  });
});

describe('RegimenEditor', () => {
  const household: Household = { id: 'h', name: 'Home', timeZone: 'Europe/Berlin', role: 'owner', membershipEndsAt: null };
  const pills: Device = {
    id: 'pills', name: 'Pill dispenser', capabilities: ['dispenser'], link: 'gateway', gatewayId: 'home', online: true, lastSeenAt: null,
    version: null, capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil: null,
  };

  it('shows the next ten doses the hub answers, and the hub\u2019s own words under a field it refuses', async () => {
    const asked: RegimenRequest[] = [];
    const api = {
      previewRegimen: async (_: string, request: RegimenRequest) => {
        asked.push(request);
        if (request.windowAfter === '10:00:00') {
          throw new ApiError(400, 'One or more validation errors occurred.', undefined, { windowAfter: ['The dose window must be shorter than the time between doses (8 h).'] });
        }
        return { timeZone: 'Europe/Berlin', doses: Array.from({ length: 10 }, (_, i) => ({ scheduledAt: `2026-12-0${1 + Math.floor(i / 3)}T0${i}:00:00Z`, local: `2026-12-0${1 + Math.floor(i / 3)}T07:00` })) };
      },
    } as unknown as WillowApi;
    render(<RegimenEditor api={api} household={household} pets={[{ id: 'p', name: 'Willow', species: 'dog' }]} devices={[pills]} regimen={null} onDone={() => undefined} onCancel={() => undefined} />);

    fireEvent.change(screen.getByLabelText('Medication'), { target: { value: 'clomipramine' } });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(10));
    expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('Tue 1 Dec, 07:00');
    expect(asked.at(-1)).toMatchObject({ petId: 'p', deviceId: 'pills', medication: 'clomipramine' });

    fireEvent.change(screen.getByLabelText('Late by (min)'), { target: { value: '600' } });
    await waitFor(() => expect(screen.getByText(/shorter than the time between doses/)).toBeInTheDocument());
    expect(screen.getByLabelText('Late by (min)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });
});
