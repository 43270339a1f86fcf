import type { CentralContext } from '../context';
import { type Answer, problem } from '../http/answers';
import { checkEmail, checkIdNumber, checkPassword, checkUsername, normaliseMobile } from '../../common/rules';

/** The rules module's verdicts turned into problem answers with stable codes and violation words. */

export function idNumberOrProblem(context: CentralContext, input: string): string | Answer {
  const id = checkIdNumber(input, { luhn: context.options.rules.idNumberLuhnCheck });
  return id.ok ? id.value.digits : problem('id_number_invalid', 'The ID number is not valid.', { violations: [...id.violations] });
}

export function mobileOrProblem(input: string): string | Answer {
  const mobile = normaliseMobile(input);
  return mobile.ok ? mobile.value : problem('mobile_invalid', 'Enter a Saudi mobile number (05XXXXXXXX).', { violations: [...mobile.violations] });
}

export function usernameProblem(context: CentralContext, username: string): Answer | null {
  const result = checkUsername(username, context.options.rules.username);
  return result.ok ? null : problem('username_invalid', 'The username breaks the username rules.', { violations: [...result.violations] });
}

export function newPasswordProblem(context: CentralContext, password: string, confirmation: string, username: string): Answer | null {
  const result = checkPassword(password, username, context.options.rules.password);
  if (!result.ok) return problem('password_invalid', 'The password breaks the password rules.', { violations: [...result.violations] });
  if (password !== confirmation) return problem('password_mismatch', 'The password confirmation does not match.');
  return null;
}

export function emailOrProblem(email: string, confirmation: string): string | Answer {
  const result = checkEmail(email);
  if (!result.ok) return problem('email_invalid', 'The e-mail address is not valid.', { violations: [...result.violations] });
  if (email.trim().toLowerCase() !== confirmation.trim().toLowerCase()) return problem('email_mismatch', 'The e-mail confirmation does not match.');
  return result.value;
}

export function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && 'status' in value && 'mediaType' in value;
}
