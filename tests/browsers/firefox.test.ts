// The core flow in Firefox ESR: tests/support/engines/core-flow.ts.
import { defineEngineSuite } from '../support/engines/engine-suite.ts';
import { openFirefoxPage } from '../support/engines/firefox-page.ts';

defineEngineSuite('firefox', openFirefoxPage);
