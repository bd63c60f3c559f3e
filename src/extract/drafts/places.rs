//! The drafts' small gazetteer: countries, their demonyms and capitals, and organisations
//! common in news of conflict ("Russian" → Russia, "Moscow" → Russia, "U.S." → United States).
//! English only, case as written; a place not listed is not recognised (the analyst adds it).
//! Only the list: matching it in a text is `actors`.

/// One entry of the gazetteer: the canonical name and the ways it is written (case matters).
pub(super) struct Place {
    /// The name a lane gets: `Russia`.
    pub canonical: &'static str,
    /// Names, demonyms, capitals and metonyms: `Russian`, `Russians`, `Moscow`, `Kremlin`.
    pub aliases: &'static [&'static str],
}

/// Countries, their demonyms and capitals, and organisations common in news of conflict.
pub(super) const GAZETTEER: &[Place] = &[
    Place {
        canonical: "United States",
        aliases: &[
            "United States",
            "U.S.",
            "US",
            "USA",
            "U.S.A.",
            "America",
            "American",
            "Americans",
            "Washington",
            "White House",
            "Pentagon",
        ],
    },
    Place {
        canonical: "Russia",
        aliases: &[
            "Russia",
            "Russian",
            "Russians",
            "Moscow",
            "Kremlin",
            "Russian Federation",
        ],
    },
    Place {
        canonical: "Afghanistan",
        aliases: &["Afghanistan", "Afghan", "Afghans", "Kabul"],
    },
    Place {
        canonical: "Pakistan",
        aliases: &["Pakistan", "Pakistani", "Pakistanis", "Islamabad"],
    },
    Place {
        canonical: "Tajikistan",
        aliases: &["Tajikistan", "Tajik", "Tajiks", "Dushanbe"],
    },
    Place {
        canonical: "Uzbekistan",
        aliases: &["Uzbekistan", "Uzbek", "Tashkent"],
    },
    Place {
        canonical: "Turkmenistan",
        aliases: &["Turkmenistan", "Turkmen", "Ashgabat"],
    },
    Place {
        canonical: "Kazakhstan",
        aliases: &["Kazakhstan", "Kazakh", "Astana"],
    },
    Place {
        canonical: "Iran",
        aliases: &["Iran", "Iranian", "Iranians", "Tehran"],
    },
    Place {
        canonical: "Iraq",
        aliases: &["Iraq", "Iraqi", "Iraqis", "Baghdad"],
    },
    Place {
        canonical: "Syria",
        aliases: &["Syria", "Syrian", "Syrians", "Damascus"],
    },
    Place {
        canonical: "Turkey",
        aliases: &["Turkey", "Turkish", "Ankara", "Türkiye"],
    },
    Place {
        canonical: "Israel",
        aliases: &["Israel", "Israeli", "Israelis", "Jerusalem"],
    },
    Place {
        canonical: "Saudi Arabia",
        aliases: &["Saudi Arabia", "Saudi", "Saudis", "Riyadh"],
    },
    Place {
        canonical: "Qatar",
        aliases: &["Qatar", "Qatari", "Doha"],
    },
    Place {
        canonical: "Yemen",
        aliases: &["Yemen", "Yemeni", "Sanaa"],
    },
    Place {
        canonical: "Egypt",
        aliases: &["Egypt", "Egyptian", "Cairo"],
    },
    Place {
        canonical: "Libya",
        aliases: &["Libya", "Libyan", "Tripoli"],
    },
    Place {
        canonical: "Lebanon",
        aliases: &["Lebanon", "Lebanese", "Beirut"],
    },
    Place {
        canonical: "Jordan",
        aliases: &["Jordan", "Jordanian", "Amman"],
    },
    Place {
        canonical: "India",
        aliases: &["India", "Indian", "Indians", "New Delhi", "Delhi"],
    },
    Place {
        canonical: "China",
        aliases: &["China", "Chinese", "Beijing"],
    },
    Place {
        canonical: "North Korea",
        aliases: &["North Korea", "North Korean", "Pyongyang"],
    },
    Place {
        canonical: "South Korea",
        aliases: &["South Korea", "South Korean", "Seoul"],
    },
    Place {
        canonical: "Japan",
        aliases: &["Japan", "Japanese", "Tokyo"],
    },
    Place {
        canonical: "Ukraine",
        aliases: &["Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"],
    },
    Place {
        canonical: "Belarus",
        aliases: &["Belarus", "Belarusian", "Minsk"],
    },
    Place {
        canonical: "Georgia",
        aliases: &["Georgia", "Georgian", "Tbilisi"],
    },
    Place {
        canonical: "United Kingdom",
        aliases: &[
            "United Kingdom",
            "U.K.",
            "UK",
            "Britain",
            "British",
            "London",
            "Downing Street",
        ],
    },
    Place {
        canonical: "France",
        aliases: &["France", "French", "Paris", "Elysee"],
    },
    Place {
        canonical: "Germany",
        aliases: &["Germany", "German", "Germans", "Berlin"],
    },
    Place {
        canonical: "Italy",
        aliases: &["Italy", "Italian", "Rome"],
    },
    Place {
        canonical: "Spain",
        aliases: &["Spain", "Spanish", "Madrid"],
    },
    Place {
        canonical: "Poland",
        aliases: &["Poland", "Polish", "Warsaw"],
    },
    Place {
        canonical: "Canada",
        aliases: &["Canada", "Canadian", "Ottawa"],
    },
    Place {
        canonical: "Mexico",
        aliases: &["Mexico", "Mexican"],
    },
    Place {
        canonical: "Venezuela",
        aliases: &["Venezuela", "Venezuelan", "Caracas"],
    },
    Place {
        canonical: "Cuba",
        aliases: &["Cuba", "Cuban", "Havana"],
    },
    Place {
        canonical: "Brazil",
        aliases: &["Brazil", "Brazilian", "Brasilia"],
    },
    Place {
        canonical: "Nigeria",
        aliases: &["Nigeria", "Nigerian", "Abuja"],
    },
    Place {
        canonical: "Somalia",
        aliases: &["Somalia", "Somali", "Mogadishu"],
    },
    Place {
        canonical: "Sudan",
        aliases: &["Sudan", "Sudanese", "Khartoum"],
    },
    Place {
        canonical: "Ethiopia",
        aliases: &["Ethiopia", "Ethiopian", "Addis Ababa"],
    },
    Place {
        canonical: "Mali",
        aliases: &["Mali", "Malian", "Bamako"],
    },
    Place {
        canonical: "Taliban",
        aliases: &["Taliban", "Taleban"],
    },
    Place {
        canonical: "Islamic State",
        aliases: &["Islamic State", "Isis", "ISIS", "ISIL", "Daesh", "IS"],
    },
    Place {
        canonical: "Al-Qaeda",
        aliases: &["Al-Qaeda", "al-Qaeda", "al Qaeda", "Al Qaeda", "al-Qaida"],
    },
    Place {
        canonical: "Hamas",
        aliases: &["Hamas"],
    },
    Place {
        canonical: "Hezbollah",
        aliases: &["Hezbollah", "Hizbollah"],
    },
    Place {
        canonical: "Haqqani network",
        aliases: &["Haqqani network", "Haqqani"],
    },
    Place {
        canonical: "NATO",
        aliases: &["NATO", "Nato", "North Atlantic Treaty Organization"],
    },
    Place {
        canonical: "United Nations",
        aliases: &["United Nations", "U.N.", "UN", "Security Council"],
    },
    Place {
        canonical: "European Union",
        aliases: &["European Union", "EU", "E.U.", "Brussels"],
    },
];
