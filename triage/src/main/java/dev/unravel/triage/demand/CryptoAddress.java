package dev.unravel.triage.demand;

/**
 * A string in the text that has the shape of a wallet address.
 *
 * @param chain the chain its shape belongs to
 * @param kind the encoding: {@code "p2pkh"}, {@code "p2sh"}, {@code "bech32"}, {@code "bech32m"},
 *     {@code "eip55"}, {@code "hex-lowercase"} (Ethereum hex in one case only, so there is no
 *     checksum to check), {@code "base58"} (TRON), {@code "monero-standard"},
 *     {@code "monero-integrated"}, {@code "monero-subaddress"}
 * @param address the address exactly as written
 * @param checksumValid whether its checksum holds; {@code false} means a typo or a made-up address.
 *     For {@code "hex-lowercase"} this is {@code true} although nothing was checked
 * @param offset where it starts, as a char offset in the text searched
 */
public record CryptoAddress(Chain chain, String kind, String address, boolean checksumValid, int offset) {}
