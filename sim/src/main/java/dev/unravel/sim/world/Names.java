package dev.unravel.sim.world;

import java.util.List;

/** Name and street lists for the simulated population: common US names, so nothing stands out by itself. */
final class Names {
    private Names() {
    }

    static final List<String> FIRST = List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
            "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Christopher", "Karen", "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
            "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna",
            "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah",
            "Ronald", "Stephanie", "Jason", "Rebecca", "George", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia",
            "Ryan", "Amy", "Jacob", "Kathleen", "Nicholas", "Angela", "Gary", "Shirley", "Eric", "Emma", "Jonathan",
            "Brenda", "Stephen", "Pamela", "Larry", "Nicole", "Justin", "Anna", "Scott", "Samantha", "Brandon",
            "Katherine", "Benjamin", "Christine", "Samuel", "Debra", "Gregory", "Rachel", "Alexander", "Carolyn",
            "Patrick", "Janet", "Frank", "Maria", "Raymond", "Olivia", "Jack", "Heather", "Dennis", "Helen", "Priya",
            "Wei", "Carlos", "Sofia", "Ahmed", "Mei", "Diego", "Aisha", "Hiroshi", "Fatima", "Ivan", "Grace");

    static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
            "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
            "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins",
            "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan",
            "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
            "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price",
            "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Chen", "Shah",
            "Kowalski", "Nowak", "Silva", "Santos", "Reddy", "Iyer");

    static final List<String> STREETS = List.of("Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill",
            "Park", "Main", "Church", "Highland", "Sunset", "Lincoln", "Jefferson", "Madison", "Franklin", "Walnut",
            "Chestnut", "Spruce", "Willow", "Ridge", "River", "Meadow", "Forest", "Valley", "Spring", "Mill",
            "Jackson", "Adams", "Center", "Prospect", "Grove", "Union", "Laurel", "Magnolia", "Hickory", "Birch");

    static final List<String> STREET_TYPES = List.of("St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way", "Pl");

    static final List<String> EMAIL_DOMAINS = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com",
            "outlook.com", "hotmail.com", "icloud.com", "aol.com", "proton.me", "comcast.net");
}
