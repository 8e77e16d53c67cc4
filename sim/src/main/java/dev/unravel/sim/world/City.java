package dev.unravel.sim.world;

import java.time.ZoneId;

/**
 * A place people live, work or travel to.
 *
 * @param name        city name
 * @param region      state or region code (US state abbreviation, or the region's name abroad)
 * @param regionName  the full state or region name, as IdPs print it
 * @param country     ISO 3166-1 alpha-2
 * @param countryName the country's English name, as IdPs print it
 * @param zip         a postal code prefix or code for the city
 * @param areaCode    the telephone area or trunk code used for local numbers
 * @param lat         latitude
 * @param lon         longitude
 * @param zone        the local time zone
 */
public record City(String name, String region, String regionName, String country, String countryName, String zip,
        String areaCode, double lat, double lon, ZoneId zone) {
}
