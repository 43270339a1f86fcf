import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haproxyConfig, parseServerStates } from './haproxy';

// The header HAProxy 2.6 prints for `show stat` (first columns), then a frontend, two servers and the backend line.
const HEADER = '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight';
const row = (proxy: string, server: string, status: string) => `${proxy},${server},0,0,0,1,,3,0,0,0,0,,0,0,0,0,${status},1`;

describe('HAProxy launcher', () => {
  it('reads each instance state from `show stat`, ignoring the frontend and backend lines and other proxies', () => {
    const csv = [HEADER, row('central', 'FRONTEND', 'OPEN'), row('instances', 'c1', 'UP'), row('instances', 'c2', 'DOWN 1/2'), row('instances', 'BACKEND', 'UP'), row('stats', 'c9', 'UP'), ''].join('\n');
    expect(parseServerStates(csv)).toEqual({ c1: 'UP', c2: 'DOWN' });
  });

  it('any set of servers and states comes back as it went in', () => {
    const name = fc.stringMatching(/^c[a-z0-9_-]{0,8}$/);
    const state = fc.constantFrom('UP', 'DOWN', 'MAINT', 'NOLB', 'UP 1/2', 'DOWN 1/2');
    fc.assert(
      fc.property(fc.dictionary(name, state, { maxKeys: 8 }), (states) => {
        const csv = [HEADER, ...Object.entries(states).map(([server, status]) => row('instances', server, status))].join('\n');
        const expected = Object.fromEntries(Object.entries(states).map(([server, status]) => [server, status.split(' ')[0]]));
        expect(parseServerStates(csv)).toEqual(expected);
      }),
    );
  });

  it('passes TLS through (TCP mode) and checks GET /ready over TLS trusting only the central CA; refuses a server name it cannot write', () => {
    const config = haproxyConfig({ backends: [{ name: 'c1', port: 4001 }, { name: 'c2', port: 4002 }], caCertPath: '/d/ca-cert.pem', port: 9000, statsSocket: '/d/admin.sock', checkIntervalMs: 500, fall: 3 });
    expect(config).toMatch(/^\s+mode tcp$/m);
    expect(config).not.toMatch(/mode http/);
    expect(config).toContain('bind 127.0.0.1:9000');
    expect(config).toContain('option httpchk GET /ready');
    expect(config).toContain('check-ssl ca-file /d/ca-cert.pem verify required inter 500 fall 3');
    expect(config).toContain('server c1 127.0.0.1:4001');
    expect(config).toContain('server c2 127.0.0.1:4002');
    expect(() => haproxyConfig({ backends: [{ name: 'c1\n  bind 0.0.0.0:80', port: 1 }], caCertPath: '/d/ca.pem', port: 9000, statsSocket: '/d/s' })).toThrow(/server name/);
  });
});
