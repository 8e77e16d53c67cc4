package dev.unravel.triage.demand;

/** The chains extortion demands name. USDT demands land on {@link #TRON} (TRC-20) or {@link #ETHEREUM} (ERC-20). */
public enum Chain {
    BITCOIN, ETHEREUM, TRON, MONERO, LITECOIN
}
