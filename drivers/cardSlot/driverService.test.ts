import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBankCard, makeNationalIdCard } from '../lab/cards';
import { commands } from './commands';
import { CardSlotService } from './driverService';
import { openCardSlotRig, type CardSlotRig } from './testing/ptyRig';

/** The reader's service commands, driver against simulator over a real pty pair. */

const bankCard = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');

let rig: CardSlotRig;
let service: CardSlotService;

beforeEach(async () => {
  rig = await openCardSlotRig();
  service = new CardSlotService(rig.slot);
  expect((await rig.slot.initialize('cardToGate')).ok).toBe(true);
});
afterEach(async () => {
  await rig.close();
});

describe('CardSlotService', () => {
  it('reads the firmware revisions as 8 characters', async () => {
    expect(await service.revision('user')).toMatchObject({ ok: true, value: expect.stringMatching(/^.{8}$/) });
    expect(await service.revision('emv')).toMatchObject({ ok: true, value: expect.stringMatching(/^.{8}$/) });
  });

  it('reads the photo sensors in volts, sees a card cover them, and tells dirt by the life check', async () => {
    expect(await service.sensorLevels('normal')).toEqual({ ok: true, value: [4.5, 4.5, 4.5, 4.5] });
    await rig.slot.enableEntry('anyCard');
    rig.simulator.insertCard(bankCard);
    expect(await service.sensorLevels('normal')).toEqual({ ok: true, value: [4.5, 0.3, 0.3, 4.5] });
    expect(await service.sensorLifeCheck()).toEqual({ ok: true, value: [100, 100, 100, 100] });
    rig.simulator.soilSensors(0.4);
    expect(await service.sensorLifeCheck()).toEqual({ ok: true, value: [40, 40, 40, 40] });
    const reduced = await service.sensorLevels('reduced');
    expect(reduced.ok && reduced.value[0]).toBeLessThan(1.2);
    // Too weak to take as the standard: clean first (error 12).
    expect(await service.setSensorStandard()).toMatchObject({ ok: false, error: { error: { code: '12', reason: 'sensorFailure' } } });
    rig.simulator.soilSensors(0.8);
    expect(await service.setSensorStandard()).toEqual({ ok: true, value: undefined });
    expect(await service.sensorLifeCheck()).toEqual({ ok: true, value: [100, 100, 100, 100] });
  });

  it('maintenance mode serves the ports only, and leaving it ejects a card left inside', async () => {
    await rig.slot.enableEntry('anyCard');
    rig.simulator.insertCard(bankCard);
    expect(await service.inputPort()).toMatchObject({ ok: false, error: { error: { code: '02' } } });
    expect(await service.enterMaintenance()).toEqual({ ok: true, value: undefined });
    expect(await service.inputPort()).toMatchObject({ ok: true, value: { pd2: true, pd3: true, gateSwitch: false } });
    expect(await service.outputPort(0b0000_0011)).toEqual({ ok: true, value: undefined });
    expect(await rig.slot.readTracks([2])).toMatchObject({ ok: false, error: { error: { code: '02' } } });
    expect(await service.leaveMaintenance()).toEqual({ ok: true, value: undefined });
    expect(rig.simulator.state).toBe('atGate');
  });

  it('drives the security port outputs and reads its inputs', async () => {
    expect(await service.setOutput(1, 'blink', 250)).toEqual({ ok: true, value: undefined });
    expect(await service.setOutput(4, 'off')).toEqual({ ok: true, value: undefined });
    expect(await service.externalInputs()).toEqual({ ok: true, value: [false, false, false, false] });
    rig.simulator.setExternalInputs([true, false, false, true]);
    expect(await service.externalInputs()).toEqual({ ok: true, value: [true, false, false, true] });
    expect(await rig.slot.send({ cm: '5', pm: '0', data: Uint8Array.of(0x32) })).toMatchObject({ ok: true, value: { kind: 'negative', error: { code: '04' } } });
  });

  it('answers as a reader with an empty SAM socket', async () => {
    expect(await service.samStatus()).toEqual({ ok: true, value: { active: false, volts: 5, clockMHz: 0, selected: 1 } });
    expect(await service.samSelect(2)).toEqual({ ok: true, value: undefined });
    expect(await service.samStatus()).toMatchObject({ ok: true, value: { selected: 2 } });
    expect(await service.samActivate()).toMatchObject({ ok: false, error: { error: { code: '61', reason: 'atrError' } } });
    expect(await service.samApdu(Uint8Array.of(0, 0xa4, 0, 0), 'auto')).toMatchObject({ ok: false, error: { error: { code: '65' } } });
    expect(await service.samDeactivate()).toEqual({ ok: true, value: undefined });
  });

  it('powers an I2C card at the contacts, finds no memory on it, and powers it off', async () => {
    await rig.slot.enableEntry('anyCard');
    rig.simulator.insertCard(makeNationalIdCard('1000000008', '2030-12-31'));
    expect(await service.i2cPowerOn(5, 2)).toMatchObject({ ok: false, error: { error: { code: '02' } } });
    await rig.slot.moveToIc();
    expect(await service.i2cPowerOn(3, 2)).toEqual({ ok: true, value: undefined });
    expect(await service.i2cStatus()).toEqual({ ok: true, value: { active: true, volts: 3, addressBytes: 2 } });
    expect(await rig.slot.send({ cm: 'U', pm: '3', data: Uint8Array.of(0, 0xb0, 0, 0, 8) })).toMatchObject({ ok: true, value: { kind: 'negative', error: { code: '63' } } });
    expect(await service.i2cPowerOff()).toEqual({ ok: true, value: undefined });
    expect(await service.i2cStatus()).toMatchObject({ ok: true, value: { active: false } });
  });

  it('switches to the supervisor area and back; the user area then wants Initialize again', async () => {
    expect(await rig.slot.send(commands.switchToSupervisor())).toMatchObject({ ok: true, value: { kind: 'positive' } });
    expect(await rig.slot.initialize('cardToGate')).toMatchObject({ ok: false, error: { error: { code: '02' } } });
    expect(await rig.slot.send({ cm: 'A', pm: '0', data: new Uint8Array(0) })).toMatchObject({ ok: true, value: { kind: 'positive', data: expect.any(Uint8Array) } });
    expect(await rig.slot.send({ cm: 'K', pm: '0', data: new Uint8Array(0) })).toMatchObject({ ok: true, value: { kind: 'positive' } });
    expect(await rig.slot.status()).toMatchObject({ ok: false, error: { error: { code: 'B0' } } });
    expect(await rig.slot.initialize('cardToGate')).toEqual({ ok: true, value: 'noCard' });
  });
});
