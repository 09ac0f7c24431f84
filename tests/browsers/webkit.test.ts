// The core flow in WebKit (the engine of every iPad browser): tests/support/engines/core-flow.ts.
import { defineEngineSuite } from '../support/engines/engine-suite.ts';
import { openWebKitPage } from '../support/engines/webkit-page.ts';

defineEngineSuite('webkit', openWebKitPage);
