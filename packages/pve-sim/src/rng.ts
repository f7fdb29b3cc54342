/** A small seeded PRNG: the same seed gives the same fault sequence. */
export { seededRandom as createRng } from '@blockhost/core';
