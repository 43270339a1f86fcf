import type { FaultSetting } from '../../common/wire/dev';
import type { FleetView } from '../../common/wire/telemetry';
import type { DevClockState } from './clock';
import type { SmsRecord } from './sms';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A small page for people running the demo: recent SMS (the gateway stand-in), kiosks, the fault switch, central's clock. */
/** One row per kiosk of the fleet view (the same as GET /dev/fleet). */
function fleetRows(fleet: FleetView): string {
  const list = (items: readonly string[]): string => (items.length ? items.map(escapeHtml).join('<br>') : '—');
  return fleet.kiosks
    .map((k) => {
      const devices = k.devices.map((d) => `${d.device}: ${d.status}`);
      const sessions = k.sessionsToday.map((s) => `${s.service ?? 'no service'} · ${s.result}: ${s.count}`);
      const faults = k.openFaults.map((f) => `${f.device}: ${f.status} since ${f.since}`);
      const audit = k.audit.problem
        ? `<b style="color:#a00">${escapeHtml(k.audit.problem)}</b> (${escapeHtml(k.audit.problemAt ?? '')})`
        : k.audit.head
          ? `ok at ${escapeHtml(String(k.audit.head.seq))}`
          : '—';
      const state = `${k.appState ?? '—'}${k.unavailableReason ? ` (${k.unavailableReason})` : ''}`;
      const readinessColour = { pass: '#060', warn: '#a60', fail: '#a00' } as const;
      const readiness = k.readiness
        ? `<b style="color:${readinessColour[k.readiness.overall]}">${escapeHtml(k.readiness.overall)}</b> ${escapeHtml(k.readiness.at)}${k.readiness.failed.length + k.readiness.warned.length ? `<br>${list([...k.readiness.failed, ...k.readiness.warned])}` : ''}`
        : '—';
      return `<tr><td>${escapeHtml(k.kioskId)}</td><td>${escapeHtml(state)}</td><td>${list(devices)}</td><td>${escapeHtml(k.lastHeartbeatAt ?? 'never')}</td><td>${escapeHtml(String(k.retainBin.count))}</td><td>${list(sessions)}</td><td>${list(faults)}</td><td>${audit}</td><td>${readiness}</td></tr>`;
    })
    .join('');
}

export function renderDevPage(
  messages: readonly SmsRecord[],
  kiosks: readonly { kioskId: string; lastSeenAt: string | null; appState: string | null }[],
  fault: FaultSetting,
  clock: DevClockState,
  fleet: FleetView = { generatedAt: '', day: '', kiosks: [] },
): string {
  const smsRows = messages
    .map((m) => `<tr><td>${escapeHtml(m.sentAt)}</td><td dir="ltr">${escapeHtml(m.to)}</td><td>${escapeHtml(m.purpose)}</td><td dir="auto">${escapeHtml(m.text)}</td><td><b>${escapeHtml(m.code ?? '')}</b></td></tr>`)
    .join('');
  const kioskRows = kiosks.map((k) => `<tr><td>${escapeHtml(k.kioskId)}</td><td>${escapeHtml(k.appState ?? '—')}</td><td>${escapeHtml(k.lastSeenAt ?? 'never')}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Central — dev</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}table{border-collapse:collapse;margin-block-end:2rem}td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:start}th{background:#eee}</style></head>
<body><h1>Reference central — demo profile</h1>
<p>Fault switch: <b>${escapeHtml(fault.mode)}</b>. Set it with <code>POST /dev/faults</code>. This page refreshes every 5 s.</p>
<p>Central's clock: <b>${escapeHtml(clock.now)}</b>${clock.offsetMs > 0 ? ` (moved forward ${escapeHtml(String(Math.round(clock.offsetMs / 1000)))} s)` : ''}. Move it forward with <code>POST /dev/clock {"advanceMs": …}</code>.</p>
<h2>Recent SMS</h2><table><thead><tr><th>sent</th><th>to</th><th>purpose</th><th>text</th><th>code</th></tr></thead><tbody>${smsRows || '<tr><td colspan="5">none yet</td></tr>'}</tbody></table>
<h2>Kiosks</h2><table><thead><tr><th>kiosk</th><th>state</th><th>last heartbeat</th></tr></thead><tbody>${kioskRows || '<tr><td colspan="3">none enrolled</td></tr>'}</tbody></table>
<h2>Fleet</h2><p>Sessions counted for ${escapeHtml(fleet.day)} (UTC). The same as JSON: <code>GET /dev/fleet</code>.</p>
<table><thead><tr><th>kiosk</th><th>state</th><th>devices</th><th>last heartbeat</th><th>retain bin</th><th>sessions today</th><th>open faults</th><th>audit log</th><th>readiness</th></tr></thead><tbody>${fleetRows(fleet) || '<tr><td colspan="9">none enrolled</td></tr>'}</tbody></table>
</body></html>`;
}
