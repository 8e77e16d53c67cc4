package dev.unravel.sim.plan;

import dev.unravel.sim.Rng;
import dev.unravel.sim.activity.Mail;
import dev.unravel.sim.activity.Mail.Attachment;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What lands in the company's mailboxes: the extortion email a fired operator sends with a ZIP of
 * stolen files and a cryptocurrency demand, and ordinary mail that looks a little like it
 * (invoices with attachments, a partner's ZIP, a customer asking about bitcoin) so a detector has
 * near misses to leave alone. Content only; {@code EmailWriter} turns it into RFC 5322.
 */
public final class MailFactory {
    private static final List<String> FREE_MAIL = List.of("gmail.com", "outlook.com", "proton.me", "yahoo.com");
    private static final List<String> EXTORTION_RECIPIENTS = List.of("security", "ceo", "hr", "legal");
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    /** Amazon SES: where most vendors' and newsletters' mail comes from. */
    private static final int AMAZON = 16509;
    private static final int DIGITALOCEAN = 14061;
    private static final int VULTR = 20473;

    private MailFactory() {
    }

    /**
     * The email a fired worker sends after termination: from the personal address HR holds, or a
     * lookalike of it under the same name; to a role mailbox; claiming the company's code and data,
     * proving it with a ZIP of real repository paths, and demanding cryptocurrency by a deadline.
     *
     * @param stolen   the repositories they cloned; the proof archive samples their paths
     * @param clientIp the address the author sent it from (their VPN exit); the provider's relay
     *                 that delivers it to the company's MX has an address of its own
     */
    public static Mail extortion(Person ex, Instant at, List<Repo> stolen, Rng rng, String clientIp) {
        Objects.requireNonNull(ex.personalEmail, "the extortion email comes from a personal address");
        if (stolen.stream().allMatch(r -> r.paths().isEmpty())) {
            throw new IllegalArgumentException("no stolen file paths to prove the theft with");
        }
        String from = rng.chance(0.5) ? ex.personalEmail : lookalike(ex.personalEmail, rng);
        String domain = domain(from);
        int gigabytes = rng.between(8, 120);
        Instant copiedAt = at.minus(Duration.ofDays(rng.between(5, 40))).minusSeconds(rng.nextInt(86_400));
        String zipName = rng.pick("proof.zip", "samples.zip", "evidence.zip");
        Map<String, String> files = proofFiles(stolen, rng);
        int proofCount = files.size();
        files.put("README.txt", "These files are a small sample taken from " + World.GITHUB_ORG + " repositories.\n"
                + "We hold the full copy (" + gigabytes + " GB). Read the email for what to do next.\n");
        byte[] zip = zip(files, copiedAt);

        String btc = CryptoAddress.bitcoinSegwit(keyHash(rng));
        String demand;
        if (rng.chance(0.6)) {
            demand = "send " + rng.between(2, 13) + "." + rng.between(0, 10) + " BTC to this Bitcoin address:\n\n    "
                    + btc + "\n";
        } else {
            demand = "send USD " + String.format(Locale.US, "%,d", rng.between(10, 61) * 5_000)
                    + " in Bitcoin to this address:\n\n    " + btc + "\n";
        }
        if (rng.chance(0.7)) {
            demand += switch (rng.nextInt(3)) {
                case 0 -> "\nor the equivalent in USDT (TRC-20) to:\n\n    " + CryptoAddress.tron(keyHash(rng)) + "\n";
                case 1 -> "\nor the equivalent in USDT (ERC-20) to:\n\n    " + CryptoAddress.ethereum(keyHash(rng))
                        + "\n";
                default -> "\nIf your exchange cannot send to bc1 addresses, use:\n\n    "
                        + CryptoAddress.bitcoinLegacy(keyHash(rng)) + "\n";
            };
        }
        String deadline = DEADLINE.format(at.plus(Duration.ofDays(rng.between(3, 8))).atZone(ZoneOffset.UTC));

        StringBuilder body = new StringBuilder();
        body.append(rng.pick("Hello " + World.COMPANY + " team,", "To the management of " + World.COMPANY + ",",
                "Hello,")).append("\n\n");
        body.append(rng.pick("We have a full copy of your private source code and internal data.",
                "Before our access was removed we made a complete copy of your source code and data.",
                "Your company's source code and data are in our hands."));
        body.append(" It was taken from your GitHub organisation ").append(World.GITHUB_ORG).append(":\n\n");
        for (Repo r : stolen) {
            body.append("  - ").append(World.GITHUB_ORG).append('/').append(r.name()).append('\n');
        }
        body.append("\nIn total about ").append(gigabytes)
                .append(" GB: source code, configuration and credentials, internal documents.\n\n");
        body.append("As proof, the attached ").append(zipName).append(" contains ").append(proofCount)
                .append(proofCount == 1 ? " file" : " files")
                .append(" from these repositories. Check them yourself.\n\n");
        body.append("To keep this private, ").append(demand);
        body.append("\nThe deadline is ").append(deadline).append(", 23:59 UTC.\n\n");
        body.append(rng.pick(
                "If we do not receive payment by then, we will publish everything on public forums and sell it to"
                        + " your competitors.",
                "After the deadline the code will be put up for sale and your customers will be told.",
                "If you ignore this email, everything will be released publicly, one repository a day."));
        body.append(' ').append(rng.pick("Do not contact law enforcement.", "Do not try to trace us.",
                "Ignoring this email will not make it go away.")).append("\n\n");
        body.append("After payment we will delete all copies and you will not hear from us again.\n");

        return new Mail(at, rng.alnum(24) + "@mail." + domain, from, ex.fullName(),
                rng.pick(EXTORTION_RECIPIENTS) + "@" + World.DOMAIN,
                rng.pick("Your source code", "Regarding your data", "Important: " + World.COMPANY + " data leak",
                        "Last chance before publication", "Your repositories"),
                body.toString(), Internet.HOSTING.get(2).address(rng.nextLong()), "smtp" + rng.between(1, 20) + "."
                + domain, clientIp, List.of(new Attachment(zipName, "application/zip", zip)));
    }

    /**
     * An ordinary inbound email to a worker, chosen among kinds that share one feature with an
     * extortion email and nothing else: a vendor invoice (attachment), a design partner's ZIP
     * (an archive whose entries are not our repository paths), a newsletter (bulk mail), and a
     * customer asking to pay in bitcoin (the word, without a wallet or a threat).
     */
    public static Mail benign(Person recipient, Instant at, Rng rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> invoice(recipient, at, rng);
            case 1 -> designDocs(recipient, at, rng);
            case 2 -> newsletter(recipient, at, rng);
            default -> bitcoinQuestion(recipient, at, rng);
        };
    }

    private static Mail invoice(Person to, Instant at, Rng rng) {
        String[] vendor = rng.pick(new String[] {"Stackline Cloud", "stackline.io"},
                new String[] {"Brightdesk", "brightdesk.com"}, new String[] {"Ledgerly", "ledgerly.com"});
        String number = "INV-" + at.atZone(ZoneOffset.UTC).getYear() + "-" + rng.digits(5);
        String amount = String.format(Locale.US, "%,d.%02d", rng.between(90, 12_000), rng.nextInt(100));
        String body = "Hi " + to.firstName + ",\n\n"
                + "Your invoice " + number + " for USD " + amount + " is attached.\n"
                + "Payment is due within 30 days by card or bank transfer.\n\n"
                + "Thank you for your business,\n" + vendor[0] + " Billing\n";
        return new Mail(at, rng.uuid() + "@email.amazonses.com", "billing@" + vendor[1], vendor[0] + " Billing",
                to.workEmail, vendor[0] + " invoice " + number, body, hosting(AMAZON).address(rng.nextLong()),
                sesHelo(rng), null, List.of(new Attachment(number + ".pdf", "application/pdf", pdf("Invoice " + number
                        + "  USD " + amount))));
    }

    private static Mail designDocs(Person to, Instant at, Rng rng) {
        String[] sender = rng.pick(new String[] {"Zoë Lindqvist", "zoe"}, new String[] {"José Álvarez", "jose"},
                new String[] {"Priya Raman", "priya"});
        String domain = "fjordlinestudio.com";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("design-docs/onboarding-flow.md", "# Onboarding flow\n\n1. Welcome\n2. Connect account\n3. Done\n");
        files.put("design-docs/brand-guidelines.md", "# Brand\n\nPrimary #1B4F72, secondary #F5B041.\n");
        files.put("design-docs/research/interview-notes.md", "# Interviews\n\nSix users, most wanted fewer steps.\n");
        files.put("design-docs/wireframes/checkout.txt", "[ header ]\n[ cart | summary ]\n[ pay ]\n");
        String body = "Hi " + to.firstName + ",\n\n"
                + "Attached are the design docs from this week's review: the onboarding flow, brand guidelines\n"
                + "and the interview notes. Let me know what you think before Thursday.\n\n"
                + "Best,\n" + sender[0] + "\nFjordline Studio\n";
        return new Mail(at, rng.uuid() + "@" + domain, sender[1] + "@" + domain, sender[0], to.workEmail,
                "Design docs from the review", body, hosting(DIGITALOCEAN).address(rng.nextLong()), "mail." + domain,
                null, List.of(new Attachment("design-docs.zip", "application/zip", zip(files, at.minusSeconds(3_600)))));
    }

    private static Mail newsletter(Person to, Instant at, Rng rng) {
        String topic = rng.pick("platform teams", "incident reviews", "Postgres upgrades", "CI caching");
        String body = "This week in engineering: what we learned about " + topic + ".\n\n"
                + "- A practical checklist you can use on Monday\n"
                + "- Three talks worth your lunch break\n"
                + "- Jobs: 14 new remote roles\n\n"
                + "Read online: https://news.pragmaticstack.dev/issues/" + rng.between(100, 400) + "\n"
                + "Unsubscribe: https://news.pragmaticstack.dev/u/" + rng.alnum(16) + "\n";
        return new Mail(at, rng.uuid() + "@email.amazonses.com", "news@pragmaticstack.dev", "The Pragmatic Stack",
                to.workEmail, "The Pragmatic Stack: " + topic, body, hosting(AMAZON).address(rng.nextLong()),
                sesHelo(rng), null, List.of());
    }

    private static Mail bitcoinQuestion(Person to, Instant at, Rng rng) {
        String domain = "tidewaterlogistics.com";
        String body = "Hello " + to.firstName + ",\n\n"
                + "Our finance team asked whether you accept bitcoin for the annual renewal. A few of our\n"
                + "suppliers do now. If not, a bank transfer is fine as usual; just let me know which you prefer.\n\n"
                + "Thanks,\nDana Whitfield\nAccounts Payable, Tidewater Logistics\n";
        return new Mail(at, rng.uuid() + "@" + domain, "dana.whitfield@" + domain, "Dana Whitfield", to.workEmail,
                "Renewal payment: bitcoin?", body, hosting(VULTR).address(rng.nextLong()), "mail." + domain, null, List.of());
    }

    /** A similar address under the same name: digits added, dots moved, a letter doubled or another provider. */
    static String lookalike(String email, Rng rng) {
        String local = email.substring(0, email.indexOf('@'));
        String domain = domain(email);
        return switch (rng.nextInt(4)) {
            case 0 -> local + rng.between(10, 100) + "@" + domain;
            case 1 -> (local.contains(".") ? local.replace(".", "") : local.charAt(0) + "." + local.substring(1))
                    + "@" + domain;
            case 2 -> local + "@" + rng.pick(FREE_MAIL.stream().filter(d -> !d.equals(domain)).toList());
            default -> {
                int at = rng.nextInt(local.length());
                while (!Character.isLetter(local.charAt(at))) {
                    at = (at + 1) % local.length();
                }
                yield local.substring(0, at + 1) + local.charAt(at) + local.substring(at + 1) + "@" + domain;
            }
        };
    }

    /** One to three files from each stolen repository, at most twelve, as {@code <repo>/<path>}. */
    private static Map<String, String> proofFiles(List<Repo> stolen, Rng rng) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Repo repo : stolen) {
            List<String> paths = new ArrayList<>(repo.paths());
            for (int n = Math.min(paths.size(), rng.between(1, 4)); n > 0 && files.size() < 12; n--) {
                String path = paths.remove(rng.nextInt(paths.size()));
                files.put(repo.name() + "/" + path, source(repo.name(), path));
            }
        }
        return files;
    }

    /**
     * A few plausible lines for a file, derived from its name so the same path always reads the same.
     * The company's repositories ({@code RepoWriter}) and the extortion email's proof archive both
     * use it, so the leaked files are byte for byte the company's own.
     */
    public static String source(String repo, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String stem = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        String ext = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
        String ident = stem.replaceAll("[^A-Za-z0-9]", "");
        String type = ident.isEmpty() ? "Main" : Character.toUpperCase(ident.charAt(0)) + ident.substring(1);
        String pkg = repo.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (ext) {
            case "java", "kt" -> "// Copyright " + World.COMPANY + ". Confidential.\npackage com.northwindlabs." + pkg
                    + ";\n\npublic final class " + type + " {\n    private final Config config;\n\n    " + type
                    + "(Config config) {\n        this.config = config;\n    }\n}\n";
            case "py" -> "# Copyright " + World.COMPANY + ". Confidential.\n\"\"\"" + stem + " for " + repo
                    + ".\"\"\"\n\nimport os\n\n\ndef " + stem.replaceAll("[^A-Za-z0-9_]", "_")
                    + "():\n    return os.environ[\"" + pkg.toUpperCase(Locale.ROOT) + "_URL\"]\n";
            case "go" -> "// Copyright " + World.COMPANY + ". Confidential.\npackage " + pkg + "\n\nfunc " + type
                    + "() error {\n\treturn nil\n}\n";
            case "ts", "tsx", "js", "jsx" -> "// Copyright " + World.COMPANY + ". Confidential.\nexport function "
                    + (ident.isEmpty() ? "main" : ident) + "() {\n  return fetch('/api/" + pkg + "');\n}\n";
            case "md" -> "# " + stem + "\n\nInternal documentation for " + repo + ". Do not share.\n";
            case "yml", "yaml" -> "name: " + stem + "\nservice: " + repo + "\nenv:\n  LOG_LEVEL: info\n";
            case "json" -> "{\n  \"name\": \"" + stem + "\",\n  \"private\": true\n}\n";
            default -> "# " + repo + "/" + path + "\n# " + World.COMPANY + " internal\n";
        };
    }

    /** A ZIP with every entry stamped at one time, so the same files always give the same bytes. */
    private static byte[] zip(Map<String, String> files, Instant modified) {
        LocalDateTime stamp = LocalDateTime.ofInstant(modified, ZoneOffset.UTC).withNano(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                ZipEntry entry = new ZipEntry(f.getKey());
                entry.setTimeLocal(stamp);
                zip.putNextEntry(entry);
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A one-page PDF 1.4 with one line of text and a correct cross-reference table. */
    private static byte[] pdf(String text) {
        String content = "BT /F1 14 Tf 72 720 Td (" + text.replaceAll("[()\\\\]", "") + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.length; i++) {
            xref.append(String.format(Locale.ROOT, "%010d 00000 n \n", pdf.length()));
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int start = pdf.length();
        pdf.append(xref).append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\n")
                .append("startxref\n").append(start).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] keyHash(Rng rng) {
        byte[] hash = new byte[20];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) rng.nextInt(256);
        }
        return hash;
    }

    private static String sesHelo(Rng rng) {
        return "a" + rng.between(8, 64) + "-" + rng.between(1, 255) + ".smtp-out.amazonses.com";
    }

    private static Network hosting(int asn) {
        return Internet.HOSTING.stream().filter(n -> n.asn() == asn).findFirst().orElseThrow();
    }

    private static String domain(String email) {
        return email.substring(email.indexOf('@') + 1);
    }
}
