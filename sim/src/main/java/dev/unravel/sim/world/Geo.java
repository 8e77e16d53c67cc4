package dev.unravel.sim.world;

import java.time.ZoneId;
import java.util.List;

/** The simulated world's places. Coordinates and postal codes are the cities' real ones. */
public final class Geo {
    private Geo() {
    }

    private static City us(String name, String st, String stName, String zip, String area, double lat, double lon,
            String zone) {
        return new City(name, st, stName, "US", "United States", zip, area, lat, lon, ZoneId.of(zone));
    }

    private static City abroad(String name, String region, String cc, String country, String zip, String area,
            double lat, double lon, String zone) {
        return new City(name, region, region, cc, country, zip, area, lat, lon, ZoneId.of(zone));
    }

    /** Where US workers live; weighted by repetition towards the big metros. */
    public static final List<City> US_HOMES = List.of(
            us("San Francisco", "CA", "California", "94110", "415", 37.7487, -122.4158, "America/Los_Angeles"),
            us("Oakland", "CA", "California", "94611", "510", 37.8298, -122.2218, "America/Los_Angeles"),
            us("San Jose", "CA", "California", "95126", "408", 37.3276, -121.9163, "America/Los_Angeles"),
            us("Los Angeles", "CA", "California", "90026", "213", 34.0797, -118.2638, "America/Los_Angeles"),
            us("San Diego", "CA", "California", "92104", "619", 32.7417, -117.1296, "America/Los_Angeles"),
            us("Seattle", "WA", "Washington", "98103", "206", 47.6733, -122.3420, "America/Los_Angeles"),
            us("Portland", "OR", "Oregon", "97214", "503", 45.5145, -122.6437, "America/Los_Angeles"),
            us("Denver", "CO", "Colorado", "80206", "303", 39.7327, -104.9525, "America/Denver"),
            us("Salt Lake City", "UT", "Utah", "84105", "801", 40.7378, -111.8594, "America/Denver"),
            us("Phoenix", "AZ", "Arizona", "85016", "602", 33.5097, -112.0287, "America/Phoenix"),
            us("Austin", "TX", "Texas", "78704", "512", 30.2430, -97.7652, "America/Chicago"),
            us("Dallas", "TX", "Texas", "75206", "214", 32.8311, -96.7697, "America/Chicago"),
            us("Houston", "TX", "Texas", "77008", "713", 29.7989, -95.4114, "America/Chicago"),
            us("Chicago", "IL", "Illinois", "60614", "312", 41.9220, -87.6533, "America/Chicago"),
            us("Minneapolis", "MN", "Minnesota", "55408", "612", 44.9477, -93.2883, "America/Chicago"),
            us("Nashville", "TN", "Tennessee", "37206", "615", 36.1798, -86.7404, "America/Chicago"),
            us("Atlanta", "GA", "Georgia", "30306", "404", 33.7834, -84.3522, "America/New_York"),
            us("Miami", "FL", "Florida", "33137", "305", 25.8154, -80.1895, "America/New_York"),
            us("Tampa", "FL", "Florida", "33606", "813", 27.9300, -82.4650, "America/New_York"),
            us("Raleigh", "NC", "North Carolina", "27605", "919", 35.7910, -78.6530, "America/New_York"),
            us("Charlotte", "NC", "North Carolina", "28203", "704", 35.2085, -80.8596, "America/New_York"),
            us("Washington", "DC", "District of Columbia", "20009", "202", 38.9193, -77.0374, "America/New_York"),
            us("Arlington", "VA", "Virginia", "22201", "703", 38.8868, -77.0934, "America/New_York"),
            us("Baltimore", "MD", "Maryland", "21211", "410", 39.3293, -76.6392, "America/New_York"),
            us("Philadelphia", "PA", "Pennsylvania", "19130", "215", 39.9672, -75.1733, "America/New_York"),
            us("Pittsburgh", "PA", "Pennsylvania", "15217", "412", 40.4318, -79.9237, "America/New_York"),
            us("New York", "NY", "New York", "10025", "212", 40.7986, -73.9667, "America/New_York"),
            us("Brooklyn", "NY", "New York", "11215", "718", 40.6626, -73.9860, "America/New_York"),
            us("Jersey City", "NJ", "New Jersey", "07302", "201", 40.7195, -74.0462, "America/New_York"),
            us("Boston", "MA", "Massachusetts", "02116", "617", 42.3496, -71.0746, "America/New_York"),
            us("Cambridge", "MA", "Massachusetts", "02139", "617", 42.3647, -71.1042, "America/New_York"),
            us("Columbus", "OH", "Ohio", "43215", "614", 39.9653, -83.0036, "America/New_York"),
            us("Cleveland", "OH", "Ohio", "44113", "216", 41.4821, -81.6994, "America/New_York"),
            us("Detroit", "MI", "Michigan", "48201", "313", 42.3471, -83.0589, "America/Detroit"),
            us("Indianapolis", "IN", "Indiana", "46202", "317", 39.7840, -86.1569, "America/Indiana/Indianapolis"),
            us("Kansas City", "MO", "Missouri", "64111", "816", 39.0575, -94.5938, "America/Chicago"),
            us("St. Louis", "MO", "Missouri", "63110", "314", 38.6252, -90.2636, "America/Chicago"),
            us("Madison", "WI", "Wisconsin", "53703", "608", 43.0766, -89.3816, "America/Chicago"));

    /** Where the company's offices are; office workers live near one. */
    public static final List<City> OFFICES = List.of(US_HOMES.get(0), US_HOMES.get(26), US_HOMES.get(10));

    /** Contractors who legitimately live and work abroad. */
    public static final List<City> CONTRACTOR_HOMES = List.of(
            abroad("Warsaw", "Mazowieckie", "PL", "Poland", "00-001", "22", 52.2297, 21.0122, "Europe/Warsaw"),
            abroad("Krakow", "Malopolskie", "PL", "Poland", "30-001", "12", 50.0647, 19.9450, "Europe/Warsaw"),
            abroad("Bengaluru", "Karnataka", "IN", "India", "560001", "80", 12.9716, 77.5946, "Asia/Kolkata"),
            abroad("Pune", "Maharashtra", "IN", "India", "411001", "20", 18.5204, 73.8567, "Asia/Kolkata"),
            abroad("Manila", "Metro Manila", "PH", "Philippines", "1000", "2", 14.5995, 120.9842, "Asia/Manila"),
            abroad("Sao Paulo", "Sao Paulo", "BR", "Brazil", "01000-000", "11", -23.5505, -46.6333, "America/Sao_Paulo"),
            abroad("Buenos Aires", "Buenos Aires", "AR", "Argentina", "C1000", "11", -34.6037, -58.3816,
                    "America/Argentina/Buenos_Aires"),
            abroad("Lisbon", "Lisboa", "PT", "Portugal", "1100-148", "21", 38.7223, -9.1393, "Europe/Lisbon"));

    /** Business trips. */
    public static final List<City> TRAVEL = List.of(
            abroad("London", "England", "GB", "United Kingdom", "EC1A 1BB", "20", 51.5074, -0.1278, "Europe/London"),
            abroad("Berlin", "Berlin", "DE", "Germany", "10115", "30", 52.5200, 13.4050, "Europe/Berlin"),
            abroad("Tokyo", "Tokyo", "JP", "Japan", "100-0005", "3", 35.6812, 139.7671, "Asia/Tokyo"),
            abroad("Singapore", "Singapore", "SG", "Singapore", "018989", "6", 1.2834, 103.8607, "Asia/Singapore"),
            abroad("Toronto", "Ontario", "CA", "Canada", "M5H 2N2", "416", 43.6532, -79.3832, "America/Toronto"),
            US_HOMES.get(26), US_HOMES.get(0), US_HOMES.get(13), US_HOMES.get(10));

    /** Where the scheme's operators actually sit. */
    public static final City SHENYANG =
            abroad("Shenyang", "Liaoning", "CN", "China", "110000", "24", 41.8057, 123.4315, "Asia/Shanghai");
    public static final City DANDONG =
            abroad("Dandong", "Liaoning", "CN", "China", "118000", "415", 40.1290, 124.3547, "Asia/Shanghai");
    public static final City VLADIVOSTOK =
            abroad("Vladivostok", "Primorsky Krai", "RU", "Russia", "690000", "423", 43.1155, 131.8855,
                    "Asia/Vladivostok");
    public static final City PYONGYANG =
            abroad("Pyongyang", "Pyongyang", "KP", "North Korea", "", "2", 39.0392, 125.7625, "Asia/Pyongyang");
    public static final List<City> OPERATOR_BASES = List.of(SHENYANG, DANDONG, VLADIVOSTOK, PYONGYANG);

    /** Where a commercial VPN's US exits claim to be. */
    public static final List<City> VPN_EXITS = List.of(US_HOMES.get(3), US_HOMES.get(11), US_HOMES.get(16),
            US_HOMES.get(26), US_HOMES.get(5), US_HOMES.get(17));
}
