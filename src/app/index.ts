export { offerLocalModel, type OfferIo, type OfferOutcome } from './offer-local-model.ts';
export { pickPresetOrOffer, LocalModelNotUsedError } from './pick-or-offer.ts';
export { confirmLine } from './confirm-line.ts';
