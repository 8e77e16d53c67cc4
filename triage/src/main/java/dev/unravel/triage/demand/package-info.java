/**
 * The demand in an extortion email: wallet addresses checked with their real checksums
 * ({@link dev.unravel.triage.demand.CryptoAddresses}), sums of money
 * ({@link dev.unravel.triage.demand.Amounts}) and the language of extortion scored as weighted,
 * co-occurring cues ({@link dev.unravel.triage.demand.ExtortionLanguage}). Whether the leak it
 * claims is real is decided elsewhere; this package only reads what the sender wrote.
 */
package dev.unravel.triage.demand;
