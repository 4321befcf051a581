// The core flows on Firefox (Debian's firefox-esr, driven over WebDriver BiDi).
import { describeEngine } from '../support/engines/smoke-suite';
import { launchFirefox } from '../support/engines/firefox';

describeEngine('Firefox', launchFirefox);
