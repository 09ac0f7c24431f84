// The app's lead PIN repository, over the app's settings. Its own module so that only the lead's screens (gate,
// settings; both loaded on demand) bring the PIN hashing into the bundle.
import { settings } from './db-instance.ts';
import { createLeadPinRepository } from './lead-pin-repository.ts';

export const leadPins = createLeadPinRepository(settings);
