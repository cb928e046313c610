//! Name lists for demo patients. Spellings keep their accents so the search and the printed documents are exercised.

pub struct Culture {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub last: &'static [&'static str],
    pub phone_prefix: &'static str,
    pub city: &'static str,
}

pub const CULTURES: &[Culture] = &[
    Culture {
        female: &["Olivia", "Amelia", "Siobhán", "Emily", "Grace", "Charlotte", "Aoife", "Margaret", "Eileen", "Ruth"],
        male: &["James", "Oliver", "Seán", "William", "George", "Thomas", "Patrick", "Arthur", "Ciarán", "Henry"],
        last: &["Smith", "O'Brien", "Jones", "Taylor", "Brown", "Murphy", "O'Sullivan", "Walsh", "Evans", "McCarthy", "Wright", "Ní Bhriain"],
        phone_prefix: "07700",
        city: "Cork",
    },
    Culture {
        female: &["María", "Lucía", "Sofía", "Carmen", "Inés", "Begoña", "Pilar", "Ana", "Mercedes", "Rocío"],
        male: &["José", "Álvaro", "Javier", "Andrés", "Manuel", "Íñigo", "Raúl", "Jesús", "Martín", "Tomás"],
        last: &["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz", "Jiménez", "Álvarez"],
        phone_prefix: "0612",
        city: "Sevilla",
    },
    Culture {
        female: &["Léa", "Chloé", "Zoé", "Camille", "Hélène", "Élodie", "Anaïs", "Mathilde", "Françoise", "Inès"],
        male: &["François", "Jérôme", "Théo", "Noël", "Loïc", "Hervé", "Benoît", "Jean-Pierre", "Frédéric", "Gaël"],
        last: &["Lefèvre", "Dubois", "Moreau", "Girard", "Bérénger", "Fournier", "Rousseau", "Lemaître", "Chevalier", "Després"],
        phone_prefix: "0645",
        city: "Lyon",
    },
    Culture {
        female: &["Anna", "Lena", "Ursula", "Käthe", "Hannah", "Sabine", "Brigitte", "Renate", "Jutta", "Gisela"],
        male: &["Jürgen", "Jörg", "Lukas", "Maximilian", "Günter", "Matthias", "Björn", "Uwe", "Klaus", "Stefan"],
        last: &["Müller", "Schröder", "Köhler", "Weiß", "Groß", "Schäfer", "Bäcker", "Hoffmann", "Krüger", "Fischer", "Böhm"],
        phone_prefix: "01511",
        city: "Köln",
    },
    Culture {
        female: &["Zofia", "Małgorzata", "Agnieszka", "Katarzyna", "Józefa", "Jadwiga", "Ewa", "Łucja", "Bożena", "Grażyna"],
        male: &["Łukasz", "Paweł", "Michał", "Wojciech", "Krzysztof", "Zbigniew", "Tomasz", "Jędrzej", "Mikołaj", "Stanisław"],
        last: &["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski"],
        phone_prefix: "0501",
        city: "Kraków",
    },
    Culture {
        female: &["Lan", "Ngọc Ánh", "Thảo", "Hương", "Linh", "Phương", "Mai", "Trang", "Hằng", "Thu"],
        male: &["Minh", "Đức", "Quang", "Tuấn", "Hùng", "Dũng", "Khoa", "Việt", "Phúc", "Bảo"],
        last: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"],
        phone_prefix: "0912",
        city: "Hà Nội",
    },
    Culture {
        female: &["Priya", "Ananya", "Lakshmi", "Sunita", "Kavya", "Meera", "Deepika", "Anjali", "Saanvi", "Radha"],
        male: &["Arjun", "Rahul", "Vikram", "Sanjay", "Rohan", "Aditya", "Suresh", "Anil", "Karthik", "Ramesh"],
        last: &["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Singh", "Krishnan", "Desai"],
        phone_prefix: "09845",
        city: "Chennai",
    },
    Culture {
        female: &["Fatima", "Aïcha", "Layla", "Mariam", "Noor", "Yasmin", "Salma", "Hana", "Zainab", "Rania"],
        male: &["Mohammed", "Ahmed", "Youssef", "Omar", "Karim", "Hassan", "Tariq", "Bilal", "Samir", "Khalid"],
        last: &["Al-Sayed", "Haddad", "El-Amin", "Benali", "Mansour", "Khoury", "Nasser", "Saleh", "Darwish", "Aziz"],
        phone_prefix: "0550",
        city: "Rabat",
    },
    Culture {
        female: &["Adaeze", "Chiamaka", "Ngozi", "Folasade", "Oluwaseun", "Yetunde", "Ifeoma", "Amaka", "Bọ́lá", "Funmilayo"],
        male: &["Chinedu", "Oluwaseun", "Emeka", "Babatunde", "Obinna", "Tunde", "Ikechukwu", "Ayodele", "Kelechi", "Ọlálékan"],
        last: &["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Adébáyọ̀", "Nwosu", "Ogunleye", "Chukwu", "Afolabi"],
        phone_prefix: "0803",
        city: "Lagos",
    },
    Culture {
        female: &["Wei", "Xiu Ying", "Mei", "Li Na", "Jing", "Yan", "Hui", "Fang", "Xia", "Ling"],
        male: &["Wei", "Jun", "Hao", "Lei", "Jian", "Ming", "Tao", "Qiang", "Bo", "Chen"],
        last: &["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
        phone_prefix: "0138",
        city: "Singapore",
    },
];

pub const STREETS: &[&str] = &[
    "High Street", "Station Road", "Calle Mayor", "Rue de la République", "Hauptstraße", "ulica Długa",
    "Church Lane", "Park Avenue", "Mill Road", "Market Square",
];

/// Empty strings stand for "nothing recorded", the most common case.
pub const HISTORIES: &[&str] = &[
    "", "", "", "Type 2 diabetes", "Hypertension", "Type 2 diabetes, hypertension", "Asthma", "Migraine",
    "Rheumatoid arthritis", "Thyroid disease",
];

pub const ALLERGIES: &[&str] = &["", "", "", "", "", "Penicillin", "Sulfonamides", "Latex", "Iodine", "Aspirin"];
