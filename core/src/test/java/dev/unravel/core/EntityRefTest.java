package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityRefTest {

    @Test
    void kinds_areCountedInWords_andFoundByTheirId() {
        assertThat(EntityRef.Kind.IP.count(1)).isEqualTo("1 IP address");
        assertThat(EntityRef.Kind.IP.count(4)).isEqualTo("4 IP addresses");
        assertThat(EntityRef.Kind.HOST.count(2)).isEqualTo("2 hosts");
        assertThat(EntityRef.Kind.MFA_DEVICE.count(3)).isEqualTo("3 MFA devices");
        assertThat(EntityRef.Kind.ofId("bank_account")).isEqualTo(EntityRef.Kind.BANK_ACCOUNT);
        assertThat(EntityRef.Kind.ofId("BANK_ACCOUNT")).isNull();
        assertThat(EntityRef.Kind.ofId("nope")).isNull();
        // the id is what subjects are written with ("ip:10.0.0.1"): every kind finds itself by it
        for (EntityRef.Kind k : EntityRef.Kind.values()) {
            assertThat(EntityRef.Kind.ofId(new EntityRef(k, "x").toString().split(":")[0])).isEqualTo(k);
        }
    }
}
