/**
 * The decisions of perfect negotiation, apart from any RTCPeerConnection so they can be tested:
 * which side of a pair is polite, whether an arriving offer collides with one of ours and which
 * side gives way, and which devices a joining device offers to.
 *
 * Invariants: of two distinct devices exactly one is polite (the lexicographically smaller
 * deviceId); on glare the impolite side ignores the other's offer and the polite side rolls its
 * own back and answers, so both end with the impolite side's offer.
 */
import type { Call, CallParticipant } from './types';

export function isPolite(myDeviceId: string, theirDeviceId: string): boolean {
  return myDeviceId < theirDeviceId;
}

export interface NegotiationSnapshot {
  polite: boolean;
  /** We are between creating an offer and sending it. */
  makingOffer: boolean;
  signalingState: RTCSignalingState;
  /** We are applying an answer we received (the state is not stable yet, but will be). */
  settingRemoteAnswer: boolean;
}

export type DescriptionDecision =
  /** Apply it; when it is an offer, answer it. */
  | 'accept'
  /** Apply it after rolling back our own offer (setRemoteDescription does it implicitly). */
  | 'rollback-and-accept'
  /** Drop it: our offer wins; drop the candidates that follow it too. */
  | 'ignore';

export function decideOnDescription(type: RTCSdpType, now: NegotiationSnapshot): DescriptionDecision {
  const readyForOffer = !now.makingOffer && (now.signalingState === 'stable' || now.settingRemoteAnswer);
  const collision = type === 'offer' && !readyForOffer;
  if (!collision) return 'accept';
  return now.polite ? 'rollback-and-accept' : 'ignore';
}

/** An answer is only meaningful while we wait for one; a late or repeated answer is dropped. */
export function answerExpected(signalingState: RTCSignalingState): boolean {
  return signalingState === 'have-local-offer';
}

/**
 * The devices a device offers to when it joins: every other participant already in the call.
 * Devices that join later offer to it, so each pair has exactly one initial offerer.
 */
export function offerTargets(call: Call, myDeviceId: string): CallParticipant[] {
  return call.participants.filter((p) => p.deviceId !== myDeviceId);
}
