// The core flows on WebKit, the engine of Safari on iPads (Debian's webkit2gtk-driver).
import { describeEngine } from '../support/engines/smoke-suite';
import { launchWebKit } from '../support/engines/webkit';

describeEngine('WebKit', launchWebKit);
