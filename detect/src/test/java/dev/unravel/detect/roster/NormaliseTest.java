package dev.unravel.detect.roster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormaliseTest {

    @Test
    void aDeviceIsItsShortName_howeverALogNamesIt_andAnAddressStaysWhole() {
        assertThat(Normalise.deviceName("NWL-LT-0042.corp.example.com")).isEqualTo("nwl-lt-0042");
        assertThat(Normalise.deviceName(" NWL-LT-0042 ")).isEqualTo("nwl-lt-0042");
        assertThat(Normalise.deviceName("5CG0310TQZ.corp.example.com")).as("a service tag as the name")
                .isEqualTo("5cg0310tqz");
        assertThat(Normalise.deviceName("10.20.1.5")).isEqualTo("10.20.1.5");
        assertThat(Normalise.deviceName("fd00::5")).isEqualTo("fd00::5");
    }

    @Test
    void mailboxesCompareTheWayTheirProvidersDeliver() {
        assertThat(Normalise.email(" Karen.Martinez.Dev00+jobs@GoogleMail.com ")).isEqualTo("karenmartinezdev00@gmail.com");
        assertThat(Normalise.email("j.doe+x@outlook.com")).isEqualTo("j.doe@outlook.com");
        // other providers treat dots and plus signs as part of the name
        assertThat(Normalise.email("j.doe+x@example.org")).isEqualTo("j.doe+x@example.org");
        assertThat(Normalise.email("no-at-sign")).isNull();
        assertThat(Normalise.email("@example.org")).isNull();
    }

    @Test
    void phonesBecomeE164InTheDeclaredRegion() {
        assertThat(Normalise.phone("(801) 515-7251", "US")).isEqualTo("+18015157251");
        assertThat(Normalise.phone("+48 512 345 678", "US")).isEqualTo("+48512345678");
        assertThat(Normalise.phone("512 345 678", "PL")).isEqualTo("+48512345678");
        assertThat(Normalise.phone("12", "US")).isNull();
        assertThat(Normalise.phone("5151234", null)).isNull();
    }

    @Test
    void addressesWrittenDifferentlyShareOneKey() {
        String a = Normalise.address("88 Harbor Road", "Apartment 3C", "Jersey City", "New Jersey", "07302-1234",
                "United States");
        String b = Normalise.address("88 HARBOR RD.", "#3c", "jersey city", "NJ", "07302", "US");
        String c = Normalise.address("88 Harbor Rd Apt 3C", null, "Jersey City", "NJ", "07302", "USA");
        assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo("88 HARBOR RD #3C|JERSEY CITY|NJ|07302|US");
        assertThat(Normalise.address("88 Harbor Rd", "Apt 4D", "Jersey City", "NJ", "07302", "US")).isNotEqualTo(a);
        assertThat(Normalise.address(null, "Apt 1", "Austin", "TX", "78704", "US")).isNull();
    }

    @Test
    void aBuildingIgnoresUnitsWhereverTheyAreWritten() {
        String plain = Normalise.building("8047 Prospect Ln", "Brooklyn", "NY", "11215", "US");
        assertThat(Normalise.building("8047 Prospect Lane Apt 3", "Brooklyn", "New York", "11215-2201", "US"))
                .isEqualTo(plain);
        assertThat(Normalise.building("8047 Prospect Ln #12B", "Brooklyn", "NY", "11215", "US")).isEqualTo(plain);
        assertThat(Normalise.address("2810 N Church St", "PMB 45021", "Wilmington", "DE", "19802", "US"))
                .endsWith("#45021|WILMINGTON|DE|19802|US");
    }

    @Test
    void oneLineAddressesAsShipmentExportsWriteThem() {
        assertThat(Normalise.oneLineAddress("6633 Spring Rd, Apt 27A, Denver, CO 80206-3555, US"))
                .isEqualTo(Normalise.address("6633 Spring Road", "#27A", "Denver", "CO", "80206", "US"));
        assertThat(Normalise.oneLineAddress("16 Jackson Ct, Pittsburgh, PA 15217, US"))
                .isEqualTo("16 JACKSON CT|PITTSBURGH|PA|15217|US");
        assertThat(Normalise.oneLineBuilding("6633 Spring Rd, Apt 27A, Denver, CO 80206, US"))
                .isEqualTo("6633 SPRING RD|DENVER|CO|80206|US");
        assertThat(Normalise.oneLineAddress("ul. Marszalkowska 1, Warszawa, Mazowieckie 00-001, PL"))
                .isEqualTo(Normalise.address("ul. Marszalkowska 1", null, "Warszawa", "Mazowieckie", "00-001", "PL"));
        assertThat(Normalise.oneLineAddress("Brooklyn, NY")).isNull();
        assertThat(Normalise.oneLineAddress("")).isNull();
    }

    @Test
    void bankAccountsAndSsnsAreDigitsOnly() {
        assertThat(Normalise.bankAccount("021-000-021", "000123456789")).isEqualTo("021000021:123456789");
        assertThat(Normalise.bankAccount(null, "123")).isNull();
        assertThat(Normalise.ssn("521-44-0193")).isEqualTo("521440193");
        assertThat(Normalise.ssn("521-44-019")).isNull();
    }

    @Test
    void freeMail_isTheServicesAnyoneCanSignUpTo_notACompanysDomain() {
        assertThat(Normalise.freeMail("gmail.com")).isTrue();
        assertThat(Normalise.freeMail("proton.me")).isTrue();
        assertThat(Normalise.freeMail("naver.com")).isTrue();
        assertThat(Normalise.freeMail("northwindlabs.com")).isFalse();
        assertThat(Normalise.freeMail("mail.gmail.com")).as("a domain, not a suffix").isFalse();
        assertThat(Normalise.freeMail(null)).isFalse();
    }
}
