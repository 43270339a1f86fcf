import type { CatalogueEntry } from '../../../common/wire/catalogue';
import { journey, w } from './build';

/** The identity journeys, built in code on the kiosk (their ids are the kiosk's journey names). */
export const accountEntries: CatalogueEntry[] = [
  journey('account', { id: 'register', order: 10, icon: 'userPlus', title: w('مستخدم جديد', 'New user'), description: w('أنشئ حساباً برقم الهوية الوطنية أو الإقامة', 'Create an account with your national ID or iqama number'), keywords: ['تسجيل', 'register', 'account', 'حساب'] }, 'anyone', ['startRegistration', 'confirmRegistration']),
  journey('account', { id: 'activate', order: 20, icon: 'userCheck', title: w('تفعيل الحساب', 'Activate account'), description: w('فعّل حسابك ببصمتك', 'Activate your account with your fingerprint') }, 'anyone', ['verifyFingerprint', 'startActivation', 'confirmActivation'], ['fingerprint']),
  journey('account', { id: 'signIn', order: 30, icon: 'signIn', title: w('تسجيل الدخول', 'Sign in'), description: w('باسم المستخدم أو رقم الهوية وكلمة المرور', 'With your username or ID number and password'), keywords: ['دخول', 'login'] }, 'anyone', ['signIn', 'confirmSignIn']),
  journey('account', { id: 'recoverPassword', order: 40, icon: 'key', title: w('نسيت كلمة المرور', 'Forgot password'), description: w('عيّن كلمة مرور جديدة ببصمتك ورمز التحقق', 'Set a new password with your fingerprint and a verification code') }, 'anyone', ['startFingerprintPasswordReset', 'confirmPasswordReset']),
  journey('account', { id: 'recoverUsername', order: 50, icon: 'user', title: w('استعادة اسم المستخدم', 'Recover username'), description: w('اعرف اسم المستخدم واستلمه برسالة نصية', 'See your username and get it by SMS') }, 'anyone', ['recoverUsernameByFingerprint', 'startSmsUsernameRecovery']),
  journey('account', { id: 'updateMobile', order: 60, icon: 'phone', title: w('تحديث رقم الجوال', 'Update mobile number'), description: w('سجّل رقم جوال جديد ببصمتك', 'Register a new mobile number with your fingerprint') }, 'anyone', ['verifyFingerprint', 'startMobileChange', 'confirmMobileChange'], ['fingerprint']),
  journey('editProfile', { id: 'changePassword', order: 110, icon: 'password', title: w('تغيير كلمة المرور', 'Change password'), description: w('اختر كلمة مرور جديدة لحسابك', 'Choose a new password for your account') }, 'signedIn', ['changePassword']),
  journey('editProfile', { id: 'changeEmail', order: 120, icon: 'mail', title: w('تغيير البريد الإلكتروني', 'Change e-mail'), description: w('غيّر البريد الإلكتروني المسجل في حسابك', 'Change the e-mail address on your account') }, 'signedIn', ['changeEmail']),
  journey('editProfile', { id: 'changeMobile', order: 130, icon: 'phone', title: w('تغيير رقم الجوال', 'Change mobile number'), description: w('برمز إلى رقمك الحالي ورمز إلى الرقم الجديد', 'With a code to your current number and one to the new number') }, 'signedIn', ['startMobileChange', 'confirmMobileChange']),
  journey('editProfile', { id: 'changeAddress', order: 140, icon: 'mapPin', title: w('تغيير العنوان', 'Change address'), description: w('حدّث العنوان الوطني المسجل', 'Update your registered national address') }, 'signedIn', ['changeAddress']),
];
