package dev.unravel.sim.world;

/** A postal address as a person would write it on a form. */
public record Address(String line1, String line2, String city, String region, String postalCode, String country) {

    /** One line, for logs and the ground truth. */
    public String oneLine() {
        return line1 + (line2 == null || line2.isEmpty() ? "" : ", " + line2) + ", " + city + ", " + region + " "
                + postalCode + ", " + country;
    }
}
