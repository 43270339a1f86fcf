/**
 * A parser for udev rules files (udev(7), "Rules Files"), for the package test:
 * bookworm's udev 252 has no `udevadm verify` (it came in 253), so the rules'
 * syntax is checked here. One rule a line; a rule is comma-separated
 * `KEY[{attribute}]<op>"value"` pairs; match keys take `==`/`!=`, assignment
 * keys `=`, `+=`, `-=`, `:=`.
 */

interface UdevPair {
  key: string;
  attribute: string | undefined;
  op: '==' | '!=' | '=' | '+=' | '-=' | ':=';
  value: string;
}

type UdevRule = UdevPair[];

const MATCH_KEYS = new Set(['ACTION', 'DEVPATH', 'KERNEL', 'KERNELS', 'NAME', 'SYMLINK', 'SUBSYSTEM', 'SUBSYSTEMS', 'DRIVER', 'DRIVERS', 'ATTR', 'ATTRS', 'SYSCTL', 'ENV', 'CONST', 'TAG', 'TAGS', 'TEST', 'PROGRAM', 'RESULT']);
const ASSIGN_KEYS = new Set(['NAME', 'SYMLINK', 'OWNER', 'GROUP', 'MODE', 'SECLABEL', 'ATTR', 'SYSCTL', 'ENV', 'TAG', 'RUN', 'LABEL', 'GOTO', 'IMPORT', 'OPTIONS']);
const WITH_ATTRIBUTE = new Set(['ATTR', 'ATTRS', 'SYSCTL', 'ENV', 'CONST', 'TEST', 'SECLABEL', 'RUN', 'IMPORT']);
const PAIR = /^([A-Z]+)(?:\{([^}]+)\})?(==|!=|\+=|-=|:=|=)"((?:[^"\\]|\\.)*)"$/;

/** The rules of a file, or the first line that is not one, with why. */
export function parseUdevRules(text: string): { ok: true; rules: UdevRule[] } | { ok: false; line: number; error: string } {
  const rules: UdevRule[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) return { ok: false, line: index + 1, error: 'continued lines are not used here' };
    const rule: UdevRule = [];
    for (const part of line.split(/,\s*(?=[A-Z]+(?:\{[^}]*\})?(?:==|!=|\+=|-=|:=|=)")/)) {
      const match = PAIR.exec(part.trim());
      if (!match) return { ok: false, line: index + 1, error: `not KEY<op>"value": ${part}` };
      const [, key = '', attribute, op = '', value = ''] = match;
      const isMatch = op === '==' || op === '!=';
      if (isMatch && !MATCH_KEYS.has(key)) return { ok: false, line: index + 1, error: `${key} cannot be matched` };
      if (!isMatch && !ASSIGN_KEYS.has(key)) return { ok: false, line: index + 1, error: `${key} cannot be assigned` };
      if (attribute !== undefined && !WITH_ATTRIBUTE.has(key)) return { ok: false, line: index + 1, error: `${key} takes no {attribute}` };
      if (attribute === undefined && (key === 'ATTR' || key === 'ATTRS' || key === 'ENV')) return { ok: false, line: index + 1, error: `${key} needs an {attribute}` };
      rule.push({ key, attribute, op: op as UdevPair['op'], value });
    }
    if (!rule.some((pair) => pair.op === '==' || pair.op === '!=')) return { ok: false, line: index + 1, error: 'a rule with nothing to match applies to every device' };
    rules.push(rule);
  }
  return { ok: true, rules };
}

/** The value a rule matches or assigns for `key` (and `attribute`), if any. */
export function valueOf(rule: UdevRule, key: string, attribute?: string): string | undefined {
  return rule.find((pair) => pair.key === key && pair.attribute === attribute)?.value;
}
