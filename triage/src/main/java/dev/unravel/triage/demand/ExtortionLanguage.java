package dev.unravel.triage.demand;

import dev.unravel.triage.demand.Cue.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores an email's language as extortion from weighted cues, never from one keyword.
 *
 * <p>Each {@link Kind} counts once, with its strongest quote. What makes extortion is
 * co-occurrence: a payment demand together with a threat or a claim to hold the company's data.
 * Deadlines, proof, wallet addresses, "do not contact the police" and deletion promises only
 * support that core, so an invoice due in 30 days, a customer asking about bitcoin, a phishing
 * lure or a lone wallet address stay below {@link #THRESHOLD}.
 *
 * <p>Patterns are English, case-insensitive and RE2-safe (no backreferences, no lookaround); every
 * gap between words is a bounded {@code [^.!?\n]{0,n}} and no two unbounded repeats of the same
 * characters touch, so matching stays linear in the text, which is cut to its first
 * {@value #MAX_CHARS} characters of subject and of body anyway.
 */
public final class ExtortionLanguage {
    /** Score at or above which an email reads as extortion. Support alone peaks at 0.3. */
    public static final double THRESHOLD = 0.5;
    static final int MAX_CHARS = 64 * 1024;

    private static final double CORE_SHARE = 0.7;
    private static final double SUPPORT_SHARE = 0.3;
    /** Holding the company's data is leverage in itself: a claim counts as much as a threat. */
    private static final double CLAIM_AS_THREAT = 1.0;
    /** A wallet address with no payment words still implies a demand, weakly. */
    private static final double ADDRESS_AS_DEMAND = 0.6;
    /** Sentences about what "victims" or "ransomware gangs" are told, with no "you" in them. */
    private static final double REPORTED_SPEECH = 0.4;
    /** A payment asked for in a sentence about an invoice, a renewal or an order is ordinary business. */
    private static final double COMMERCIAL = 0.3;
    private static final int QUOTE_MAX = 160;

    private static final String WE_WILL = "\\b(?:we|i)(?:\\s+will|'ll|\\s+shall|\\s+are\\s+going\\s+to|\\s+am\\s+going\\s+to"
            + "|\\s+would|\\s+are\\s+ready\\s+to|\\s+plan\\s+to)(?:\\s+(?:then|also|immediately|simply|start\\s+to|begin\\s+to))?\\s+";
    private static final String AMOUNT = "(?:(?:us\\$|\\$|€)\\s?\\d|\\b(?:usdt|usd|eur|btc|eth|xmr)\\s?\\d"
            + "|\\d[\\d,.\\u00A0 ]{0,14}\\s?(?:k|m|thousand|million)?\\s?(?:usdt|usd|eur|euros?|btc|bitcoins?|eth|ether|xmr|monero|dollars?|€|\\$))";
    private static final String CRYPTO = "(?:bitcoins?|btc|crypto(?:currency)?|monero|xmr|ethereum|eth|usdt|tether|litecoin|ltc|tron|trc-?20|erc-?20)";
    private static final String WALLET = "\\bto\\s+(?:this|the\\s+following|the\\s+below|our|my|the)\\s+(?:" + CRYPTO
            + "\\s+)?(?:wallet|address|account)";
    private static final String DATA = "(?:source\\s*code|code\\s*base|codebase|code|repositor(?:y|ies)|repos|databases?|data|"
            + "files|documents|records|emails|credentials|secrets|private\\s+keys|api\\s+keys|backups?|customer\\s+\\w+)";
    private static final String AUDIENCE = "(?:customers?|clients?|partners?|investors?|regulators?|press|media|journalists?|"
            + "reporters?|contacts|family|friends|colleagues|employees|staff|board|shareholders|users)";
    private static final String AUTHORITIES = "(?:law\\s+enforcement|(?:the\\s+)?police|(?:the\\s+)?fbi|(?:the\\s+)?authorities|cops|"
            + "interpol|europol|(?:a\\s+)?lawyers?|attorneys?|cisa|ncsc|anyone|security\\s+(?:firms?|companies|researchers))";
    private static final String COUNT = "(?:\\d{1,3}|one|two|three|four|five|six|seven|ten|twelve|fourteen|twenty-?four|forty-?eight|seventy-?two)";
    private static final String MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";

    private record Rule(Kind kind, double weight, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            // CLAIMS_DATA
            rule(Kind.CLAIMS_DATA, 1.0, "\\b(?:we|i)\\s+(?:have|hold|got|possess|obtained|downloaded|copied|took|stole|exfiltrated|extracted|"
                    + "retained|kept|still\\s+have|have\\s+(?:obtained|downloaded|copied|taken|stolen|exfiltrated|extracted|kept|retained))\\b"
                    + "[^.!?\\n]{0,60}\\b(?:your|ur|the\\s+company's)\\s+(?:[\\w-]+\\s+){0,3}?" + DATA + "\\b"),
            rule(Kind.CLAIMS_DATA, 0.9, "\\b(?:we|i)\\s+(?:have\\s+)?(?:exfiltrated|downloaded|copied|stole|stolen|extracted|cloned|dumped|pulled)\\b"
                    + "[^.!?\\n]{0,60}\\bfrom\\s+(?:your|ur|the\\s+company's)\\b"),
            rule(Kind.CLAIMS_DATA, 0.8, "\\bcop(?:y|ies)\\s+of\\s+(?:every|each|all\\s+(?:of\\s+)?(?:your|the))\\s+(?:[\\w-]+\\s+)?"
                    + "(?:repositor|project|file|database|document|customer|record)"),
            rule(Kind.CLAIMS_DATA, 0.8, "\\b(?:full|complete|entire)\\s+(?:copy|copies|dump|backup|clone|archive)\\s+of\\s+(?:your|the\\s+company's|all)\\b"),
            rule(Kind.CLAIMS_DATA, 0.8, "\\b(?:it|they|this|everything|the\\s+(?:data|code|files))\\s+(?:was|were)\\s+"
                    + "(?:taken|copied|downloaded|exfiltrated|stolen|extracted|cloned)\\s+from\\s+your\\b"),
            rule(Kind.CLAIMS_DATA, 1.0, "\\byour\\s+(?:[\\w-]+\\s+){0,2}?" + DATA + "\\s+(?:is|are)\\s+(?:now\\s+)?in\\s+(?:our|my)\\s+(?:hands|possession)"),
            rule(Kind.CLAIMS_DATA, 0.8, "\\byour\\s+(?:[\\w-]+\\s+){0,2}?" + DATA + "\\s+(?:has\\s+been|have\\s+been|was|were)\\s+"
                    + "(?:copied|stolen|downloaded|exfiltrated|leaked|compromised|cloned)"),
            rule(Kind.CLAIMS_DATA, 0.7, "\\b(?:i|we)\\s+(?:have\\s+)?(?:recorded|filmed|captured|hacked|compromised|infected)\\s+(?:you|your)\\b"),
            rule(Kind.CLAIMS_DATA, 0.7, "\\b(?:i|we)\\s+(?:have|gained|got|had)\\s+(?:full\\s+)?(?:remote\\s+)?access\\s+to\\s+your\\s+"
                    + "(?:[\\w-]+\\s+)?(?:device|computer|camera|webcam|email|account|systems?|network|servers?|repositor(?:y|ies)|code|organi[sz]ation|"
                    + "infrastructure|cloud|workspace|environment)"),
            // PROOF_OFFERED
            rule(Kind.PROOF_OFFERED, 1.0, "\\b(?:as|for)\\s+(?:a\\s+)?proof(?:\\s*[,:;]|\\s+(?:that|we|i|here|see|the|attached|please|check))"),
            rule(Kind.PROOF_OFFERED, 0.9, "\\bproof\\b[^.!?\\n]{0,40}\\b(?:attached|enclosed|included|below)"),
            rule(Kind.PROOF_OFFERED, 0.9, "\\bproof\\.(?:zip|rar|7z|txt|tar|tgz)\\b"),
            rule(Kind.PROOF_OFFERED, 0.9, "\\b(?:check|verify|see)\\s+(?:them|it|this|these|for)\\s+yoursel(?:f|ves)"),
            rule(Kind.PROOF_OFFERED, 0.8, "\\bto\\s+(?:show|prove|demonstrate)\\s+(?:to\\s+you\\s+|you\\s+)?(?:that\\s+)?(?:we|i)\\s+"
                    + "(?:are\\s+serious|have|hold|really|mean)"),
            rule(Kind.PROOF_OFFERED, 0.6, "\\b(?:samples?|excerpts?|extracts?|snippets?|screenshots?)\\s+(?:of|from)\\s+"
                    + "(?:your|the\\s+(?:stolen|leaked|exfiltrated|copied))"),
            // PAYMENT_DEMAND
            rule(Kind.PAYMENT_DEMAND, 1.0, "\\b(?:send|pay|transfer|wire|deposit)\\b[^.!?\\n]{0,60}(?:" + AMOUNT + "|" + WALLET + ")"),
            rule(Kind.PAYMENT_DEMAND, 0.9, "\\b(?:we|i)\\s+(?:want|demand|require|expect|ask\\s+for|need)\\b[^.!?\\n]{0,40}"
                    + "(?:" + AMOUNT + "|\\b(?:payment|ransom|fee)\\b)"),
            rule(Kind.PAYMENT_DEMAND, 0.9, "\\b(?:price|cost|fee|payment)\\s+(?:for|of)\\s+(?:my|our)\\s+silence\\b"),
            rule(Kind.PAYMENT_DEMAND, 0.8, "\\b(?:payment|ransom|fee|price)\\s+(?:of|is|will\\s+be)\\s+[^.!?\\n]{0,20}" + AMOUNT),
            rule(Kind.PAYMENT_DEMAND, 0.6, "(?:\\b(?:you\\s+(?:must|need\\s+to|have\\s+to|will\\s+have\\s+to|should)|please|simply|just)\\s+"
                    + "|^[ \\t]*|[.!?:;][ \\t]*)(?:pay|send|transfer)\\b[^.!?\\n]{0,30}\\bin\\s+" + CRYPTO + "\\b"),
            rule(Kind.PAYMENT_DEMAND, 0.6, "\\bto\\s+keep\\s+(?:this|it|everything|the\\s+matter)\\s+(?:private|quiet|secret|confidential)"),
            rule(Kind.PAYMENT_DEMAND, 0.5, "\\b(?:unless|until)\\s+(?:you|the\\s+company)\\s+pay"),
            // DEADLINE
            rule(Kind.DEADLINE, 0.9, "\\bdeadline\\b"),
            rule(Kind.DEADLINE, 0.9, "\\byou(?:\\s+have|\\s+have\\s+got|'ve\\s+got|\\s+get)\\s+(?:only\\s+|exactly\\s+)?" + COUNT
                    + "\\s*-?\\s*(?:hours?|days?)\\b"),
            rule(Kind.DEADLINE, 0.8, "\\bwithin\\s+(?:the\\s+next\\s+)?" + COUNT
                    + "\\s*-?\\s*(?:hours?|hrs?|h|days?|business\\s+days|working\\s+days|weeks?)\\b"),
            rule(Kind.DEADLINE, 0.8, "\\b(?:by|before|until|no\\s+later\\s+than)\\s+(?:this\\s+|next\\s+)?(?:monday|tuesday|wednesday|thursday|"
                    + "friday|saturday|sunday|tomorrow|tonight|midnight|noon|end\\s+of\\s+(?:the\\s+|this\\s+)?(?:day|week|month)|"
                    + MONTH + "\\s+\\d{1,2}\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})"),
            rule(Kind.DEADLINE, 0.7, "\\b(?:countdown|clock\\s+is\\s+ticking|time\\s+is\\s+running\\s+out|last\\s+chance|final\\s+warning)\\b"),
            // THREAT_TO_PUBLISH
            rule(Kind.THREAT_TO_PUBLISH, 1.0, WE_WILL + "(?:leak|dump|expose)\\b"),
            rule(Kind.THREAT_TO_PUBLISH, 1.0, WE_WILL + "(?:publish|release|post|upload|share|distribute|make)\\b[^.!?\\n]{0,40}"
                    + "(?:\\beverything\\b|\\ball\\s+(?:of\\s+)?(?:it|them|the|your)\\b|\\bit\\s+(?:all\\s+)?(?:public|online|on)\\b|\\byour\\s+"
                    + "(?:[\\w-]+\\s+)?(?:data|code|source|files|documents|repositor|database|customer|secrets|video|photos)"
                    + "|\\bthe\\s+(?:data|code|source|files|documents|repositor|database|video)|\\bpublic(?:ly)?\\b"
                    + "|\\bforums?\\b|\\bdark\\s*web\\b|\\bdarknet\\b|\\bleak\\s+site|\\bpastebin\\b|\\btelegram\\b)"),
            rule(Kind.THREAT_TO_PUBLISH, 0.9, "\\b(?:everything|it\\s+all|all\\s+of\\s+it|your\\s+(?:[\\w-]+\\s+)?" + DATA + "|the\\s+" + DATA
                    + "|the\\s+video)\\s+(?:will|would)\\s+(?:then\\s+)?be\\s+(?:published|leaked|released|posted|uploaded|dumped|made\\s+public|exposed)"),
            rule(Kind.THREAT_TO_PUBLISH, 0.9, "\\b(?:or|or\\s+else|otherwise)\\s*,?\\s+(?:we|i)(?:\\s+will|'ll)?\\s+(?:publish|leak|release|post|dump|"
                    + "expose|upload)\\b"),
            rule(Kind.THREAT_TO_PUBLISH, 0.8, "\\b(?:goes|go|will\\s+go|will\\s+end\\s+up|ends\\s+up)\\s+(?:public\\b|online\\b|on\\s+(?:the\\s+)?"
                    + "(?:internet|forums?|dark\\s*web|darknet|pastebin|telegram|github))"),
            rule(Kind.THREAT_TO_PUBLISH, 0.5, "\\b(?:publish|leak|release|post|upload|dump)\\w*\\b[^.!?\\n]{0,50}\\b(?:on|to)\\s+"
                    + "(?:public\\s+|hacker\\s+|underground\\s+|the\\s+)?(?:forums?|leak\\s+sites?|dark\\s*web|darknet|pastebin|telegram)\\b"),
            // THREAT_TO_SELL
            rule(Kind.THREAT_TO_SELL, 1.0, WE_WILL + "(?:sell|auction)\\b"),
            rule(Kind.THREAT_TO_SELL, 0.9, "\\bsell\\w*\\b[^.!?\\n]{0,40}\\bto\\s+your\\s+competitors?\\b"),
            rule(Kind.THREAT_TO_SELL, 0.9, "\\b(?:or|or\\s+else|otherwise)\\s*,?\\s+(?:we|i)(?:\\s+will|'ll)?\\s+(?:sell|auction)\\b"),
            rule(Kind.THREAT_TO_SELL, 0.8, "\\b(?:goes|go|will\\s+go|will\\s+be\\s+(?:sent|given|offered))\\s+to\\s+(?:your\\s+)?competitors?\\b"),
            rule(Kind.THREAT_TO_SELL, 0.9, "\\b(?:will|would)\\s+(?:then\\s+)?be\\s+(?:put\\s+up\\s+for\\s+(?:sale|auction)|offered\\s+for\\s+sale|"
                    + "sold|auctioned)\\b"),
            rule(Kind.THREAT_TO_SELL, 0.5, "\\bsell\\w*\\b[^.!?\\n]{0,40}\\b(?:on|to)\\s+(?:the\\s+)?(?:dark\\s*web|darknet|black\\s+market|"
                    + "highest\\s+bidder|competitors?)\\b"),
            // THREAT_TO_CONTACT
            rule(Kind.THREAT_TO_CONTACT, 1.0, WE_WILL + "(?:contact|email|inform|notify|tell|call|alert|send|forward)\\b[^.!?\\n]{0,50}"
                    + "\\b(?:your|the)\\s+(?:[\\w-]+\\s+)?" + AUDIENCE + "\\b"),
            rule(Kind.THREAT_TO_CONTACT, 0.9, "\\b(?:your|the)\\s+(?:[\\w-]+\\s+)?" + AUDIENCE + "\\s+(?:will|would)\\s+(?:then\\s+)?"
                    + "(?:be\\s+(?:told|informed|notified|contacted|emailed|alerted)|learn|find\\s+out|hear)\\b"),
            rule(Kind.THREAT_TO_CONTACT, 0.9, "\\b(?:i|we)\\s+(?:send|forward|share|show)\\b[^.!?\\n]{0,40}\\bto\\s+(?:all\\s+(?:of\\s+)?)?your\\s+"
                    + "(?:[\\w-]+\\s+)?" + AUDIENCE + "\\b"),
            // NO_AUTHORITIES
            rule(Kind.NO_AUTHORITIES, 1.0, "\\b(?:do\\s+not|don't|dont|never|must\\s+not|should\\s+not|shouldn't)\\s+(?:contact|call|inform|involve|"
                    + "notify|tell|alert|go\\s+to|report\\s+(?:this\\s+|it\\s+)?to)\\s+" + AUTHORITIES + "\\b"),
            rule(Kind.NO_AUTHORITIES, 1.0, "\\bif\\s+you\\s+(?:contact|involve|inform|call|notify|go\\s+to|tell)\\s+" + AUTHORITIES + "\\b"),
            rule(Kind.NO_AUTHORITIES, 0.8, "\\bno\\s+(?:police|cops|fbi|law\\s+enforcement|lawyers)\\b"),
            // DELETION_PROMISE
            rule(Kind.DELETION_PROMISE, 1.0, "\\b(?:after|once|upon|when|as\\s+soon\\s+as)\\b[^.!?\\n]{0,40}\\b(?:payment|paid|pay|funds|transfer)\\b"
                    + "[^.!?\\n]{0,60}\\b(?:delete|destroy|erase|wipe|remove|purge)"),
            rule(Kind.DELETION_PROMISE, 0.8, WE_WILL + "(?:permanently\\s+)?(?:delete|destroy|erase|wipe|purge)\\b[^.!?\\n]{0,30}"
                    + "\\b(?:copies|data|files|code|everything|it|them|video|backups?)\\b"),
            rule(Kind.DELETION_PROMISE, 0.7, "\\byou\\s+will\\s+(?:never|not)\\s+hear\\s+from\\s+(?:us|me)\\s+again\\b"));

    /** Who a news item or a vendor blog says demands and threatens. */
    private static final Pattern THIRD_PARTY = Pattern.compile(
            "\\b(?:victims?|attackers?|gangs?|groups?|operators?|criminals?|threat\\s+actors?|hackers?|ransomware|affiliates?|extortionists?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMERCE = Pattern.compile(
            "\\b(?:invoices?|renewals?|subscriptions?|orders?|licen[cs]es?|receipts?|billing|purchases?|checkout|tickets?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECOND_PERSON = Pattern.compile("\\b(?:you|your|yours)\\b", Pattern.CASE_INSENSITIVE);

    private ExtortionLanguage() {}

    private static Rule rule(Kind kind, double weight, String regex) {
        return new Rule(kind, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
    }

    /**
     * Assesses an email. Cues are read in the subject and body; addresses and amounts in the body,
     * their offsets into {@code body}. Either argument may be {@code null}.
     */
    public static DemandAssessment assess(String subject, String body) {
        String rawBody = bound(body == null ? "" : body);
        String text = normalise(bound(subject == null ? "" : subject) + "\n\n" + rawBody);
        Map<Kind, Cue> best = new EnumMap<>(Kind.class);
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                Cue current = best.get(rule.kind());
                if (current != null && current.weight() >= rule.weight()) {
                    break; // this rule cannot beat the quote already kept
                }
                int start = m.start();
                while (start < m.end() && !Character.isLetterOrDigit(text.charAt(start))) {
                    start++; // rules anchored on the previous sentence's full stop
                }
                String sentence = sentenceAround(text, start, m.end());
                double weight = rule.weight() * (reportedSpeech(sentence) ? REPORTED_SPEECH : 1.0)
                        * (rule.kind() == Kind.PAYMENT_DEMAND && COMMERCE.matcher(sentence).find() ? COMMERCIAL : 1.0);
                keepStronger(best, new Cue(rule.kind(), Math.round(weight * 1000) / 1000.0, quote(sentence, text, start)));
            }
        }
        List<CryptoAddress> addresses = CryptoAddresses.find(rawBody);
        for (CryptoAddress a : addresses) {
            double weight = !a.checksumValid() ? 0.5 : a.kind().equals("hex-lowercase") ? 0.8 : 1.0;
            String line = sentenceAround(rawBody, a.offset(), a.offset() + a.address().length());
            keepStronger(best, new Cue(Kind.CRYPTO_ADDRESS, weight, line.length() <= QUOTE_MAX ? line : a.address()));
        }
        List<Amount> amounts = Amounts.find(rawBody);
        return new DemandAssessment(score(best), List.copyOf(best.values()), addresses, amounts);
    }

    private static String bound(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
    }

    /**
     * Curly apostrophes become straight, and lines wrapped inside a paragraph are joined so a
     * phrase broken by a mail client's wrapping still matches; blank lines stay sentence breaks.
     */
    private static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                int newlines = 0;
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    newlines += s.charAt(i) == '\n' ? 1 : 0;
                    i++;
                }
                while (out.length() > 0 && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')) {
                    out.setLength(out.length() - 1);
                }
                out.append(newlines >= 2 ? "\n\n" : " ");
                continue;
            }
            out.append(c == '\u2019' || c == '\u2018' ? '\'' : c == '\u00A0' ? ' ' : c);
            i++;
        }
        return out.toString();
    }

    private static void keepStronger(Map<Kind, Cue> best, Cue cue) {
        Cue current = best.get(cue.kind());
        if (current == null || cue.weight() > current.weight()) {
            best.put(cue.kind(), cue);
        }
    }

    private static boolean reportedSpeech(String sentence) {
        return THIRD_PARTY.matcher(sentence).find() && !SECOND_PERSON.matcher(sentence).find();
    }

    /**
     * score = 0.7 * demand * (threat or claim) + 0.3 * support, where "or" is the noisy-or
     * 1 - (1 - a)(1 - b) and support is the noisy-or of proof, deadline, address, "no police"
     * and deletion promise. Without a demand and a threat or claim the score stays at or below 0.3.
     */
    static double score(Map<Kind, Cue> best) {
        double demand = Math.max(weight(best, Kind.PAYMENT_DEMAND), ADDRESS_AS_DEMAND * weight(best, Kind.CRYPTO_ADDRESS));
        double pressure = noisyOr(weight(best, Kind.THREAT_TO_PUBLISH), weight(best, Kind.THREAT_TO_SELL),
                weight(best, Kind.THREAT_TO_CONTACT), CLAIM_AS_THREAT * weight(best, Kind.CLAIMS_DATA));
        double support = noisyOr(weight(best, Kind.PROOF_OFFERED), weight(best, Kind.DEADLINE), weight(best, Kind.CRYPTO_ADDRESS),
                weight(best, Kind.NO_AUTHORITIES), weight(best, Kind.DELETION_PROMISE));
        double score = CORE_SHARE * demand * pressure + SUPPORT_SHARE * support;
        return Math.round(score * 1000) / 1000.0;
    }

    private static double weight(Map<Kind, Cue> best, Kind kind) {
        Cue cue = best.get(kind);
        return cue == null ? 0 : cue.weight();
    }

    private static double noisyOr(double... weights) {
        double none = 1;
        for (double w : weights) {
            none *= 1 - w;
        }
        return 1 - none;
    }

    /** The sentence holding [start, end): bounded by a line break or by . ! ? followed by a space. */
    static String sentenceAround(String text, int start, int end) {
        int from = start;
        int fromLimit = Math.max(0, start - 400);
        while (from > fromLimit) {
            char previous = text.charAt(from - 1);
            if (previous == '\n' || Character.isWhitespace(previous) && from >= 2 && isStop(text.charAt(from - 2))) {
                break;
            }
            from--;
        }
        int to = end;
        int toLimit = Math.min(text.length(), end + 400);
        while (to < toLimit) {
            char c = text.charAt(to);
            if (c == '\n') {
                break;
            }
            to++;
            if (isStop(c) && (to == text.length() || Character.isWhitespace(text.charAt(to)))) {
                break;
            }
        }
        return text.substring(from, to).strip();
    }

    private static boolean isStop(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    /** The sentence if short enough, else a window of the text around the match. */
    private static String quote(String sentence, String text, int start) {
        if (sentence.length() <= QUOTE_MAX) {
            return sentence;
        }
        int from = Math.max(0, start - 40);
        int to = Math.min(text.length(), from + QUOTE_MAX - 2);
        return "…" + text.substring(from, to).strip() + "…";
    }
}
