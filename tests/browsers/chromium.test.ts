// The core flow in Chromium (as Android tablets' browsers): tests/support/engines/core-flow.ts.
import { defineEngineSuite } from '../support/engines/engine-suite.ts';
import { openChromiumPage } from '../support/engines/chromium-page.ts';

defineEngineSuite('chromium', openChromiumPage);
