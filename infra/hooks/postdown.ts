// `npm run postdown` (azd's postdown hook): `azd down` deleted the app and its identity, so the
// webhook wiring recorded in the azd environment no longer holds; clear it for the next `azd up`.
import { setWiredFor, WIRED_FOR } from './wired-flag';

if (require.main === module) {
  if (setWiredFor('')) console.log(`postdown: ${WIRED_FOR} cleared.`);
  else console.log(`postdown: not under azd (or azd failed); ${WIRED_FOR} left as it is.`);
}
