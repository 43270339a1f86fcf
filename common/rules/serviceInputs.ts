import { checkFreeText } from './freeText';
import { normaliseDigits, stripSeparators } from './digits';
import { checkIdNumber } from './idNumber';
import { normaliseMobile } from './mobile';

/** An input field as the catalogue describes it (common/wire/catalogue.ts), structurally, so the rules stay free of zod. */
interface ServiceInputField {
  readonly key: string;
  readonly rule: 'idNumber' | 'mobile' | 'digits' | 'freeText' | 'choice';
  readonly length?: number | undefined;
  readonly optional?: boolean | undefined;
  readonly options?: readonly { readonly value: string }[] | undefined;
}

type ServiceInputCheck = { ok: true; values: Record<string, string> } | { ok: false; fields: Record<string, string[]> };

/**
 * An inquiry's or form's inputs, each checked by the shared rule its field
 * names (the kiosk at once, central again): the normalised values, or each
 * field's violations in the rules' own words. An input the entry does not
 * name is refused; a missing one is `required` unless optional.
 */
export function checkServiceInputs(fields: readonly ServiceInputField[], inputs: Readonly<Record<string, string>>, options: { luhn: boolean } = { luhn: true }): ServiceInputCheck {
  const values: Record<string, string> = {};
  const problems: Record<string, string[]> = {};
  for (const key of Object.keys(inputs)) if (!fields.some((f) => f.key === key)) problems[key] = ['unknown'];
  for (const field of fields) {
    const raw = inputs[field.key] ?? '';
    if (raw.trim() === '') {
      if (!field.optional) problems[field.key] = ['required'];
      continue;
    }
    const verdict = checkOne(field, raw, options);
    if (verdict.ok) values[field.key] = verdict.value;
    else problems[field.key] = verdict.violations;
  }
  return Object.keys(problems).length > 0 ? { ok: false, fields: problems } : { ok: true, values };
}

function checkOne(field: ServiceInputField, raw: string, options: { luhn: boolean }): { ok: true; value: string } | { ok: false; violations: string[] } {
  switch (field.rule) {
    case 'idNumber': {
      const id = checkIdNumber(raw, options);
      return id.ok ? { ok: true, value: id.value.digits } : { ok: false, violations: [...id.violations] };
    }
    case 'mobile': {
      const mobile = normaliseMobile(raw);
      return mobile.ok ? { ok: true, value: mobile.value } : { ok: false, violations: [...mobile.violations] };
    }
    case 'digits': {
      const digits = stripSeparators(normaliseDigits(raw));
      if (!/^[0-9]+$/.test(digits)) return { ok: false, violations: ['notDigits'] };
      return digits.length === field.length ? { ok: true, value: digits } : { ok: false, violations: ['wrongLength'] };
    }
    case 'freeText': {
      const text = checkFreeText(raw, { minLength: 1, maxLength: field.length ?? 300 });
      return text.ok ? { ok: true, value: text.value } : { ok: false, violations: [...text.violations] };
    }
    case 'choice':
      return field.options?.some((o) => o.value === raw) ? { ok: true, value: raw } : { ok: false, violations: ['notAChoice'] };
  }
}
