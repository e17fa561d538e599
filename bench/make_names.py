"""Seeded generator of realistic name lists, mostly of Arabic, Persian and South Asian origin, for benchmarks.

A list is built from people, not from strings. Each person comes from a region (Arab 50%, Persian
18%, South Asian 17%, other 15%) and gets that region's name structure: a given name (some of
them compounds: Abd al-Rahman, Nur al-Din, Mohammad Reza, Muhammad Imran, Hikmatullah), perhaps a
father's and grandfather's name (Arab, sometimes joined with bin / ibn), perhaps a kunya (Abu X),
and a surname: a nisba of a tribe or place (al-Tamimi, al-Mawsili), a laqab or trade name
(al-Muhandis, Haddad), a Persian name built from a root and a suffix (Hosseini, Rezazadeh,
Karimpour, Ahmadinejad, Jafarian), a South Asian family or tribal name (Qureshi, Yousafzai).
Every list is drawn with Zipf weights, so a few names (Muhammad, Ali, Ahmad, Khan) are very
common and most are rare. Other people have English, Spanish, French, German, Italian or Russian
names.

Each person is mentioned in 1-6 spellings, a few of them repeated, and every spelling goes through
one transliteration convention (scholarly, English press, French, Persian, Egyptian, South Asian)
that rewrites letters the way real sources do: u/o/ou, i/e/ee, doubled consonants, q/k/g/gh,
dh/z/d, th/s/t, kh/h, sh/ch, j/dj/g, -zadeh/-zade, -pour/-pur, al-/el-/Al /no article,
Abdul/Abdel/Abd al-, Nur al-Din/Nureddine/Nooruddin.

The same (n, seed) always gives the same list: all randomness comes from one random.Random(seed)
and nothing iterates over a set.

    python bench/make_names.py 1000 --seed 7 > names.txt
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import sys
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any, TypeVar

T = TypeVar("T")

# --- Name lists: most common first (the Zipf weights follow this order). -------------------------
# Arabic names are in a scholarly-ish base spelling (Husayn, Qasim, Dhiya); the conventions below
# turn them into press spellings (Hussein, Kassem, Zia). Persian and South Asian names are in their
# usual spelling. "Abd al-X" and "X al-Din" are compounds and are spelled as such; other names with
# a space (Mohammad Reza) are written as two words, or joined by some conventions.

ARAB_MALE: tuple[str, ...] = (
    "Muhammad", "Ahmad", "Ali", "Husayn", "Hasan", "Mahmud", "Abdullah", "Umar", "Ibrahim", "Yusuf",
    "Khalid", "Mustafa", "Abd al-Rahman", "Sa'id", "Salih", "Abd al-Aziz", "Karim", "Hamid", "Jamal",
    "Tariq", "Walid", "Nasir", "Faisal", "Adil", "Rashid", "Qasim", "Kazim", "Ja'far", "Uthman",
    "Sulayman", "Isma'il", "Ayman", "Haytham", "Samir", "Majid", "Fadil", "Ziyad", "Zayd", "Anwar",
    "Abbas", "Jasim", "Bashir", "Hamza", "Bilal", "Abd al-Karim", "Abd al-Latif", "Abd al-Wahhab",
    "Abd al-Qadir", "Nur al-Din", "Salah al-Din", "Izz al-Din", "Shams al-Din", "Muthanna", "Dhiya",
    "Ra'd", "Sadiq", "Munir", "Yasin", "Idris", "Musa", "Isa", "Harun", "Ghassan", "Marwan", "Nabil",
    "Riyad", "Hisham", "Amir", "Talal", "Thamir", "Imad", "Mahdi", "Ridha", "Hadi", "Salim", "Sami",
    "Fuad", "Hani", "Ramzi", "Nizar", "Mazin", "Basil", "Nadir", "Rafiq", "Shakir", "Sabir", "Jabir",
    "Mansur", "Nasr", "Sultan", "Fahd", "Turki", "Bandar", "Nawaf", "Mishal", "Saud", "Mutlaq",
    "Mubarak", "Rakan", "Ghazi", "Adnan", "Qays", "Lu'ay", "Mu'ayyad", "Muhannad", "Firas", "Ammar",
    "Yasir", "Usama", "Anas", "Hudhayfa", "Suhayb", "Mu'adh", "Hashim", "Ghalib", "Talib", "Wahid",
    "Wa'il", "Atif", "Asim", "Amr", "Ayyub", "Ilyas", "Yunus", "Yahya", "Zakariya", "Nuri", "Sabri",
    "Falah", "Najm", "Hazim", "Qahtan", "Lutfi", "Hilmi", "Rushdi", "Fathi", "Hamdi", "Shukri",
    "Sharif", "Ashraf", "Ihab", "Tamir", "Hatim", "Yazid", "Ubayd", "Khalil", "Jalal", "Kamal",
    "Jamil", "Naji", "Rami", "Shadi", "Fadi", "Tawfiq", "Wasim", "Muntasir", "Mu'tasim", "Mundhir",
    "Badr", "Izzat", "Sa'd", "Abd al-Jabbar", "Abd al-Hamid", "Abd al-Majid", "Abd al-Salam",
    "Abd al-Razzaq", "Abd al-Jalil", "Abd al-Ghani", "Abd al-Rahim", "Abd al-Nasir", "Abd al-Hadi",
    "Abd al-Muhsin", "Abd al-Amir", "Abd al-Husayn", "Abd al-Sattar", "Abd al-Ilah", "Abd al-Khaliq",
    "Abd al-Basit", "Abd al-Hakim", "Abd al-Fattah", "Abd al-Malik", "Abd al-Halim", "Abd al-Mun'im",
    "Sayf al-Din", "Ala al-Din", "Nasir al-Din", "Jamal al-Din", "Kamal al-Din", "Badr al-Din",
    "Taqi al-Din", "Fakhr al-Din", "Khayr al-Din", "Sharaf al-Din", "Zayn al-Din", "Baha al-Din",
    "Jalal al-Din", "Husam al-Din", "Muhyi al-Din", "Sabah", "Ma'mun", "Mu'ammar", "Hakim", "Ra'uf",
    "Nawfal", "Shihab", "Suhayl", "Dawud", "Ishaq", "Ya'qub", "Ayid", "Fawwaz", "Fayiz", "Hamad",
    "Humayd", "Jabbar", "Jawad", "Kadhim", "Khudayr", "Manaf", "Mahir", "Nashat",
    "Rabi'", "Rida", "Sattar", "Shawqi", "Subhi", "Tahir", "Wisam", "Zuhayr", "Bakr", "Ghanim",
)  # fmt: skip

ARAB_FEMALE: tuple[str, ...] = (
    "Fatima", "Aisha", "Zaynab", "Maryam", "Khadija", "Layla", "Nur", "Huda", "Amal", "Samira",
    "Rania", "Yasmin", "Salma", "Hanan", "Su'ad", "Zahra", "Iman", "Asma", "Sara", "Hala", "Nadia",
    "Dalia", "Rasha", "Lina", "Rana", "Muna", "Hind", "Sawsan", "Widad", "Najla", "Abir", "Ghada",
    "Nawal", "Latifa", "Amina", "Ruqayya", "Sumayya", "Hafsa", "Sakina", "Nisrin", "Dunya", "Shayma",
    "Hiba", "Alya", "Bushra", "Ibtisam", "Intisar", "Khawla", "Manal", "Maysa", "Nada", "Nahla",
    "Randa", "Rim", "Safa", "Marwa", "Sahar", "Tahani", "Wafa", "Jamila", "Karima", "Nabila", "Suhayla",
)  # fmt: skip

# Nisbas of tribes and clans, then of places, then laqabs and trades: all take the article.
ARAB_NISBAS: tuple[str, ...] = (
    "Tamimi", "Jubouri", "Dulaymi", "Ubaydi", "Shammari", "Qahtani", "Utaybi", "Ghamidi", "Zahrani",
    "Harbi", "Mutayri", "Anazi", "Dawsari", "Subay'i", "Shahrani", "Asiri", "Qurashi", "Hashimi",
    "Alawi", "Husayni", "Hasani", "Khazraji", "Kindi", "Ta'i", "Zubaydi", "Rubay'i", "Jumayli",
    "Janabi", "Karbuli", "Mashhadani", "Kubaysi", "Azzawi", "Bayati", "Khafaji", "Lami", "Sa'di",
    "Mayyahi", "Fatlawi", "Asadi", "Amiri", "Maliki", "Ja'fari", "Kadhimi", "Musawi", "Tabataba'i",
    "Bahadli", "Uqaydi", "Hamdani", "Yasiri", "Nu'aymi", "Marri", "Ka'bi", "Suwaydi", "Mazru'i",
    "Shamsi", "Falasi", "Muhayri", "Balushi", "Rashidi", "Hajri", "Yami", "Ansari", "Siddiqi",
    "Faruqi", "Bakri", "Umari", "Khalidi", "Juhani", "Sulami", "Shahri", "Qarni", "Hazmi",
    "Shaybani", "Taghlibi", "Kilabi", "Uqayli", "Zuhayri", "Ghanimi", "Sa'idi", "Khiqani", "Khuza'i",
    "Azdi", "Shuwayli", "Mahdawi", "Dhufayri", "Sabah", "Hadidi", "Lahibi", "Samarra'i",
    "Baghdadi", "Basri", "Mawsili", "Tikriti", "Ani", "Hilli", "Karbala'i", "Najafi", "Kufi", "Rawi",
    "Hadithi", "Anbari", "Falluji", "Kirkuki", "Irbili", "Dimashqi", "Halabi", "Himsi", "Hamawi",
    "Ladhiqi", "Idlibi", "Raqqawi", "Masri", "Iskandarani", "Sudani", "Maghribi", "Tunisi", "Jaza'iri",
    "Libi", "Trabulsi", "Bayruti", "Saydawi", "Suri", "Maqdisi", "Khalili", "Nabulsi", "Ghazzawi",
    "Hijazi", "Najdi", "Makki", "Madani", "Yamani", "San'ani", "Adani", "Hadrami", "Bahraini",
    "Kuwaiti", "Qatari", "Ahwazi", "Shami", "Iraqi", "Filastini", "Urdunni", "Lubnani", "Turkmani",
    "Kurdi", "Hindi", "Afghani", "Zarqawi", "Shishani", "Misrati", "Qasimi", "Ahsa'i", "Qatifi",
    "Bahrani", "Amili", "Karaki", "Dujayli", "Hiti", "Ba'qubi", "Zubayri", "Jazrawi", "Diri",
    "Najjar", "Attar", "Khatib", "Askari", "Sadr", "Hakim", "Muhandis", "Amin", "Rashid", "Mahdi",
    "Khayyat", "Sabbagh", "Hallaq", "Qassab", "Jazzar", "Tahhan", "Dabbagh", "Saffar", "Bitar",
    "Shaykh", "Mufti", "Qadi", "Faqih", "Mulla", "Tawil", "Kabir", "Aswad", "Ahmar", "Hariri",
    "Fayyad", "Assad", "Ahmad", "Khazali", "Nujayfi", "Sistani", "Khu'i",
)  # fmt: skip

# Family names without the article (Levant, Egypt, Maghreb).
ARAB_FAMILY: tuple[str, ...] = (
    "Haddad", "Khoury", "Nasrallah", "Mansur", "Hamdan", "Khalil", "Darwish", "Barakat", "Saleh",
    "Qasim", "Aziz", "Abbas", "Yasin", "Awad", "Shakir", "Jabir", "Sabbagh", "Ghanim", "Karam",
    "Nassar", "Sarkis", "Hanna", "Issa", "Shahin", "Salim", "Khalaf", "Hassun", "Hammud", "Abbud",
    "Yunus", "Dawud", "Sulayman", "Uthman", "Isma'il", "Ibrahim", "Mustafa", "Husayn", "Farah",
    "Mahmud", "Zaki", "Fahmi", "Mursi", "Shafiq", "Sadat", "Mubarak", "Sisi", "Tantawi", "Sha'rawi",
    "Ghazali", "Mahfuz", "Haykal", "Qutb", "Banna", "Bakr", "Sharif", "Radi", "Bennani", "Alami",
    "Tazi", "Fasi", "Amrani", "Idrisi", "Filali", "Mansuri", "Zaydi", "Bu'azizi", "Jum'a", "Mattar",
    "Atallah", "Khayrallah", "Fadlallah", "Jaballah", "Abu Zayd", "Abu Khalil", "Abu Rish", "Hijazi",
)  # fmt: skip

PERSIAN_MALE: tuple[str, ...] = (
    "Mohammad", "Ali", "Hossein", "Reza", "Mehdi", "Hassan", "Ahmad", "Amir", "Mohsen", "Javad",
    "Alireza", "Mohammad Reza", "Mohammad Ali", "Ali Akbar", "Abbas", "Majid", "Hamid", "Saeed",
    "Masoud", "Mahmoud", "Morteza", "Mostafa", "Ebrahim", "Esmaeil", "Yousef", "Jafar", "Kazem",
    "Karim", "Rahim", "Nasser", "Mansour", "Bahram", "Farhad", "Dariush", "Behrouz", "Babak",
    "Kourosh", "Parviz", "Hamidreza", "Gholamreza", "Gholam Hossein", "Akbar", "Asghar", "Taghi",
    "Naghi", "Hadi", "Hashem", "Ghasem", "Jalal", "Kamal", "Behzad", "Shahram", "Siamak", "Arash",
    "Kaveh", "Kamran", "Keyvan", "Omid", "Navid", "Pouya", "Payam", "Peyman", "Ramin", "Shahin",
    "Sina", "Soroush", "Vahid", "Yaser", "Zia", "Rasoul", "Mojtaba", "Meysam", "Hojjat", "Ruhollah",
    "Habib", "Abolfazl", "Ehsan", "Iman", "Amin", "Mehran", "Mehrdad", "Fereydoun", "Jamshid",
    "Khosrow", "Manouchehr", "Rostam", "Sohrab", "Siavash", "Esfandiar", "Hormoz", "Bijan", "Firouz",
    "Nader", "Ardeshir", "Afshin", "Arman", "Abd al-Karim", "Abd al-Hossein", "Mohammad Javad",
    "Mohammad Hossein", "Mohammad Bagher", "Seyed Ali", "Heydar", "Esmat", "Nemat", "Ezzat", "Hesam",
    "Saman", "Sasan", "Shapour", "Touraj", "Fariborz", "Hooshang", "Kiumars", "Ghorban", "Safar",
    "Ramezan", "Nosrat", "Asadollah", "Nasrollah", "Fazlollah", "Habibollah", "Zabihollah", "Rouhollah",
)  # fmt: skip

PERSIAN_FEMALE: tuple[str, ...] = (
    "Fatemeh", "Zahra", "Maryam", "Masoumeh", "Narges", "Zeinab", "Sakineh", "Leila", "Shirin",
    "Mahnaz", "Parisa", "Sara", "Nasrin", "Soheila", "Farideh", "Roya", "Mina", "Azadeh", "Elham",
    "Fariba", "Golnaz", "Haleh", "Homa", "Ladan", "Mahsa", "Marjan", "Mitra", "Nazanin", "Negar",
    "Niloufar", "Parvaneh", "Shabnam", "Shahla", "Simin", "Soraya", "Tahereh", "Yasaman", "Ziba",
    "Azar", "Farah", "Mahboubeh", "Ashraf", "Forough", "Googoosh", "Shohreh", "Tayebeh",
)  # fmt: skip

# The common Persian surnames, then names built the way most Persian surnames were (1920s): a
# given name, place or word, plus -i, -ian, -zadeh (son of), -pour (son of), -nejad (of the line
# of), -far, -nia, -khani, -abadi (of the village), -lou, -vand, -doust.
PERSIAN_SURNAMES: tuple[str, ...] = (
    "Hosseini", "Mohammadi", "Ahmadi", "Rezaei", "Mousavi", "Jafari", "Karimi", "Rahimi", "Hashemi",
    "Sadeghi", "Kazemi", "Ghorbani", "Najafi", "Soleimani", "Salehi", "Alavi", "Amini", "Nouri",
    "Tehrani", "Shirazi", "Esfahani", "Tabrizi", "Mashhadi", "Ghazvini", "Kermani", "Yazdi",
    "Hamadani", "Kashani", "Ghomi", "Khorasani", "Gilani", "Rashti", "Ardebili", "Zanjani",
    "Semnani", "Sabzevari", "Neyshabouri", "Golpayegani", "Lankarani", "Boroujerdi", "Ahvazi",
    "Dezfouli", "Shoushtari", "Bushehri", "Shahroudi", "Damghani", "Naeini", "Larijani",
    "Rafsanjani", "Velayati", "Khamenei", "Khatami", "Rouhani", "Zarif", "Araghchi", "Tabatabaei",
    "Shariati", "Motahari", "Beheshti", "Bazargan", "Mosaddegh", "Ghalibaf", "Jalili", "Raisi",
    "Safavi", "Montazeri", "Ebadi", "Farhadi", "Panahi", "Kadivar", "Ganji", "Nabavi", "Bagheri",
    "Asadi", "Abbasi", "Heydari", "Ebrahimi", "Mirzaei", "Ghasemi", "Moradi", "Akbari", "Azizi",
    "Hosseinzadeh", "Alizadeh", "Rezazadeh", "Hassanzadeh", "Ahmadinejad", "Karimpour", "Jafarzadeh",
    "Ghorbanifar", "Zakeri", "Shafiei", "Dehghan", "Rostami", "Bahrami", "Mirzadeh", "Kiani",
)  # fmt: skip

PERSIAN_ROOTS: tuple[str, ...] = (
    "Hossein", "Ali", "Hassan", "Reza", "Karim", "Jafar", "Mohammad", "Ahmad", "Rahim", "Abbas",
    "Ghorban", "Akbar", "Asghar", "Taghi", "Kazem", "Yousef", "Ebrahim", "Amir", "Nasser", "Mahmoud",
    "Rasoul", "Rostam", "Bahram", "Nour", "Khosrow", "Hashem", "Ghasem", "Sadegh", "Salman", "Heydar",
    "Habib", "Safar", "Ramezan", "Shaban", "Rajab", "Nazar", "Gol", "Mir", "Kia", "Agha", "Bagher",
    "Javad", "Majid", "Saeed", "Mehr", "Shah", "Kamal", "Jalal", "Azad", "Khodadad", "Farrokh",
    "Morad", "Bahman", "Esfandiar", "Farhad", "Kamran", "Dehghan", "Nik", "Pak", "Shad", "Roshan",
    "Jahan", "Ghaffar", "Sattar", "Jabbar", "Eslam", "Yazdan", "Khoda", "Dara", "Mansour", "Aziz",
    "Hamid", "Mohsen", "Masoud", "Nasrollah", "Ghafour", "Kazem", "Akhavan", "Fazel", "Sharif",
    "Motamed", "Amin", "Rahman", "Fatah", "Bakhtiar", "Tavakol", "Asad", "Heshmat", "Nemat", "Ezzat",
    "Arab", "Turk", "Kord", "Lor", "Shir", "Zand", "Afshar", "Ghajar", "Sohrab", "Parviz", "Teymour",
)  # fmt: skip

PERSIAN_SUFFIXES: tuple[str, ...] = (
    "i", "zadeh", "pour", "nejad", "ian", "far", "nia", "khani", "abadi", "lou", "vand", "doust",
)  # fmt: skip

SOUTH_ASIAN_MALE: tuple[str, ...] = (
    "Muhammad", "Ahmed", "Ali", "Imran", "Abdullah", "Hassan",
    "Usman", "Bilal", "Tariq", "Shahid", "Asif", "Abd al-Rahman", "Nawaz", "Pervez", "Zulfiqar",
    "Kamran", "Farhan", "Adnan", "Faisal", "Waqar", "Shoaib", "Junaid", "Zubair", "Irfan", "Rizwan",
    "Naveed", "Sohail", "Asad", "Amjad", "Sajid", "Wasim", "Naeem", "Nadeem", "Saqib", "Haroon",
    "Babar", "Ghulam Muhammad", "Ghulam Rasul", "Ghulam Haider", "Gul", "Hamid", "Ashraf", "Akbar",
    "Aslam", "Anwar", "Mehmood", "Iqbal", "Javed", "Khurram", "Mushtaq", "Ishaq", "Ishtiaq", "Ijaz",
    "Ilyas", "Inam", "Khalid", "Liaqat", "Mansoor", "Masood", "Mubashir", "Mudassar", "Muneer",
    "Nasir", "Qamar", "Rashid", "Riaz", "Sadiq", "Safdar", "Salman", "Sarfraz", "Shafiq", "Shahbaz",
    "Shahzad", "Sharif", "Shaukat", "Sultan", "Tahir", "Talha", "Tanveer", "Umar", "Waheed", "Yasir",
    "Zafar", "Zahid", "Zakir", "Zeeshan", "Afzal", "Arshad", "Azhar", "Habib", "Hafeez", "Hamza",
    "Husain", "Ahsan", "Atif", "Aziz", "Gulbuddin", "Jalal al-Din", "Siraj al-Din", "Hikmatullah",
    "Zabihullah", "Amanullah", "Habibullah", "Asadullah", "Rahmatullah", "Naqibullah", "Sanaullah",
    "Ubaydullah", "Inayatullah", "Ehsanullah", "Mohibullah", "Najibullah", "Zalmay", "Hekmat",
    "Ahmad Shah", "Ahmad Zia", "Fazal", "Sher", "Wali", "Nur Muhammad", "Dost Muhammad", "Sardar",
)  # fmt: skip

SOUTH_ASIAN_FEMALE: tuple[str, ...] = (
    "Ayesha", "Fatima", "Sana", "Saima", "Nadia", "Amina", "Bushra", "Farah", "Hina", "Iqra",
    "Mehwish", "Nazia", "Rabia", "Rubina", "Samina", "Shazia", "Sobia", "Tahira", "Uzma", "Zainab",
    "Zara", "Asma", "Benazir", "Malala", "Humaira", "Kiran", "Naila", "Nargis", "Parveen", "Rukhsana",
    "Shabana", "Shaista", "Shamim", "Yasmeen", "Zubaida", "Fawzia", "Hamida", "Roya", "Shukria",
)  # fmt: skip

SOUTH_ASIAN_SURNAMES: tuple[str, ...] = (
    "Khan", "Ahmed", "Ali", "Hussain", "Shah", "Malik", "Qureshi", "Siddiqi", "Chaudhry", "Butt",
    "Sheikh", "Mirza", "Baig", "Awan", "Rana", "Bhatti", "Abbasi", "Niazi", "Khattak", "Yousafzai",
    "Afridi", "Durrani", "Popalzai", "Barakzai", "Achakzai", "Mohmand", "Wardak", "Karzai", "Ghani",
    "Haqqani", "Mujaddidi", "Rabbani", "Sayyaf", "Zardari", "Bhutto", "Sharif", "Gilani", "Jatoi",
    "Leghari", "Mazari", "Bugti", "Mengal", "Jamali", "Iqbal", "Akhtar", "Aslam", "Anjum", "Ashraf",
    "Bukhari", "Naqvi", "Rizvi", "Jafri", "Zaidi", "Kazmi", "Hashmi", "Gardezi", "Tirmizi", "Kirmani",
    "Hamdani", "Farooqi", "Usmani", "Ansari", "Rehman", "Rahim", "Saeed", "Mahmood", "Masood",
    "Nawaz", "Hayat", "Zaman", "Aziz", "Latif", "Hameed", "Rashid", "Rauf", "Anwar", "Mughal",
    "Lodhi", "Ghauri", "Tareen", "Kakar", "Mehsud", "Wazir", "Bangash", "Orakzai", "Safi", "Shinwari",
    "Panjshiri", "Massoud", "Stanikzai", "Ahmadzai", "Popal", "Noorzai", "Alizai", "Ishaqzai",
    "Sherzai", "Jalali", "Atmar", "Hekmatyar", "Mohseni", "Sultani", "Javed", "Younis", "Chishti",
    "Gondal", "Cheema", "Bajwa", "Warraich", "Tiwana", "Janjua", "Khokhar", "Memon", "Arain",
    "Rajput", "Pathan", "Shaikh", "Syed", "Beg", "Khawaja", "Dar", "Lone", "Bhat", "Mir", "Wani",
    "Qazi", "Pirzada", "Makhdoom", "Shirazi", "Alvi", "Hamdani", "Jilani", "Naqshbandi", "Qadri",
    "Soomro", "Mahar", "Chandio", "Magsi", "Talpur", "Khoso", "Lashari", "Rind", "Marri", "Raisani",
    "Nasir", "Tahir", "Shafique", "Hanif", "Haider", "Abbas", "Raza", "Naqvi", "Shabbir", "Mustafa",
    "Yaqub", "Ismail", "Ibrahim", "Ishaq", "Idrees", "Umar", "Usman", "Farooq", "Akram", "Amin",
)  # fmt: skip

# Pashtun tribes and clans are named after an ancestor: Yousafzai, Ahmadzai, Isa Khel.
PASHTUN_ANCESTORS: tuple[str, ...] = (
    "Yusuf", "Ahmad", "Ali", "Ishaq", "Nur", "Muhammad", "Hasan", "Umar", "Ismail", "Dawlat",
    "Sulayman", "Musa", "Dawud", "Malik", "Babakar", "Karim", "Isa", "Adam", "Zakha", "Mandan",
    "Utman", "Mahmud", "Jabbar", "Ayyub", "Iliyas", "Zakariya", "Bahadur",
)  # fmt: skip

KUNYA_NAMES: tuple[str, ...] = (
    "Bakr", "Mahdi", "Ali", "Muhammad", "Umar", "Hamza", "Abdullah", "Yusuf", "Hafs", "Ubayda",
    "Mus'ab", "Qatada", "Hurayra", "Khalid", "Ayyub", "Talha", "Dujana", "Anas", "Ibrahim", "Jihad",
)  # fmt: skip

# Non-Arabic names: per language, its weight, a list of given names and one of surnames.
OTHER_NAMES: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "english",
        5,
        (
            "James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Mary",
            "Sarah", "Elizabeth", "Jennifer", "Emily", "Daniel", "Laura", "Peter", "Joseph", "Charles",
            "Christopher", "Matthew", "Anthony", "Mark", "Paul", "Steven", "Andrew", "Kenneth",
            "Patricia", "Linda", "Barbara", "Susan", "Jessica", "Karen", "Nancy", "Lisa", "Margaret",
            "Rachel", "Helen", "George", "Edward", "Brian", "Ronald", "Timothy", "Jason", "Jeffrey",
            "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin",
            "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Frank", "Alexander", "Raymond",
            "Patrick", "Jack", "Dennis", "Jerry", "Dorothy", "Amanda", "Melissa", "Deborah",
            "Stephanie", "Rebecca", "Sharon", "Cynthia", "Kathleen", "Amy", "Angela", "Anna", "Brenda",
            "Pamela", "Emma", "Nicole", "Samantha", "Katherine", "Christine", "Catherine", "Virginia",
        ),
        (
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
            "Anderson", "Clark", "Walker", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
            "White", "Harris", "Lewis", "Robinson", "Young", "Allen", "King", "Wright", "Scott",
            "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter",
            "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris",
            "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly",
            "Howard", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Wood", "James", "Bennett",
            "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell",
            "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson",
            "Barnes", "Fisher", "Simmons", "Graham", "Marshall", "Owens", "Harrison", "Gibson",
            "Wallace", "Ellis", "Hamilton", "Ford", "Wells", "Hunt", "Hayes", "Black", "Palmer",
            "Stone", "Mason", "Dixon", "Hunter", "Spencer", "Gardner", "Payne", "Pierce", "Berry",
            "Matthews", "Arnold", "Wagner", "Willis", "Ray", "Watkins", "Olson", "Carroll", "Duncan",
            "Snyder", "Hart", "Cunningham", "Bradley", "Lane", "Andrews", "Ruiz", "Harper", "Fox",
            "Riley", "Armstrong", "Carpenter", "Weaver", "Greene", "Lawrence", "Elliott", "Chavez",
            "Sims", "Austin", "Peters", "Kelley", "Franklin", "Lawson", "Fields", "Ryan", "Schmidt",
            "Carr", "Castillo", "Wheeler", "Chapman", "Oliver", "Montgomery", "Richards", "Williamson",
            "Johnston", "Banks", "Meyer", "Bishop", "McCoy", "Howell", "Morrison", "Hansen",
            "Fernandez", "Harvey", "Little", "Burton", "Stanley", "Nguyen", "George", "Jacobs", "Reid",
            "Fuller", "Lynch", "Dean", "Gilbert", "Garrett", "Romero", "Welch", "Larson", "Frazier",
            "Burke", "Hanson", "Day", "Mendoza", "Moreno", "Bowman", "Medina", "Fowler", "Brewer",
        ),
    ),
    (
        "spanish",
        3,
        (
            "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "María", "Carmen", "Ana", "Lucía",
            "Sofía", "Javier", "Andrés", "Isabel", "Antonio", "Manuel", "Francisco", "Pedro", "Pablo",
            "Alejandro", "Fernando", "Diego", "Raúl", "Rosa", "Teresa", "Elena", "Pilar", "Marta",
            "Cristina", "Ramón", "Rafael", "Sergio", "Alberto", "Enrique", "Ricardo", "Eduardo",
            "Roberto", "Gabriel", "Víctor", "Mario", "Adrián", "Álvaro", "Rubén", "Óscar", "Hugo",
            "Beatriz", "Dolores", "Patricia", "Silvia", "Raquel", "Mercedes", "Julia", "Inés",
            "Gloria", "Victoria", "Alicia", "Lorena", "Natalia", "Marcos", "Ignacio",
        ),
        (
            "García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez",
            "Torres", "Flores", "Gómez", "Díaz", "Moreno", "Jiménez", "Romero", "Herrera", "Castillo",
            "Vargas", "Hernández", "Ruiz", "Álvarez", "Muñoz", "Alonso", "Gutiérrez", "Navarro",
            "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Morales",
            "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez",
            "Iglesias", "Medina", "Garrido", "Cortés", "Santos", "Lozano", "Guerrero",
            "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez",
            "Herrero", "Peña", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Diez",
            "Caballero", "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Montero",
            "Hidalgo", "Lorenzo", "Giménez", "Ibáñez", "Ferrer", "Durán", "Santiago", "Benítez",
        ),
    ),
    (
        "french",
        2,
        (
            "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "François", "Marie", "Nathalie",
            "Isabelle", "Sylvie", "Catherine", "Frédéric", "Éric", "Laurent", "Stéphane", "Olivier",
            "Christophe", "Sébastien", "Julien", "Céline", "Sandrine", "Valérie", "Hélène", "Jacques",
            "Patrick", "Thierry", "Bruno", "Didier", "Pascal", "Emmanuel", "Guillaume", "Antoine",
            "Vincent", "Mathieu", "Claire", "Sophie", "Anne", "Christine", "Monique", "Françoise",
            "Brigitte", "Véronique", "Dominique", "Martine",
        ),
        (
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
            "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
            "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont",
            "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
            "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
            "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
            "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
            "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand",
        ),
    ),
    (
        "german",
        1.5,
        (
            "Hans", "Peter", "Klaus", "Wolfgang", "Jürgen", "Michael", "Thomas", "Andreas", "Stefan",
            "Ursula", "Monika", "Petra", "Sabine", "Claudia", "Uwe", "Dieter", "Günter", "Karl",
            "Heinz", "Jörg", "Frank", "Markus", "Matthias", "Martin", "Christian", "Bernd", "Ralf",
            "Helmut", "Manfred", "Werner", "Gabriele", "Brigitte", "Renate", "Karin", "Susanne",
        ),
        (
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
            "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
            "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
            "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs",
            "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
            "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
        ),
    ),
    (
        "italian",
        1,
        (
            "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo",
            "Pietro", "Salvatore", "Giulia", "Francesca", "Chiara", "Paola", "Alessandro", "Marco",
            "Roberto", "Paolo", "Stefano", "Andrea", "Luca", "Massimo", "Domenico", "Carlo", "Anna",
            "Maria", "Giovanna", "Rosa", "Lucia", "Elena", "Silvia", "Valentina",
        ),
        (
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
            "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
            "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
            "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale",
            "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa",
            "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini",
        ),
    ),
    (
        "russian",
        1,
        (
            "Aleksandr", "Sergei", "Dmitri", "Andrei", "Alexei", "Vladimir", "Ivan", "Mikhail",
            "Nikolai", "Yuri", "Olga", "Natalia", "Elena", "Irina", "Svetlana", "Tatiana", "Pavel",
            "Oleg", "Igor", "Viktor", "Boris", "Anatoli", "Yevgeni", "Konstantin", "Roman", "Maxim",
            "Anna", "Maria", "Yekaterina", "Lyudmila", "Galina", "Marina",
        ),
        (
            "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov",
            "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov",
            "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov", "Zakharov",
            "Zaitsev", "Solovyov", "Borisov", "Yakovlev", "Grigoriev", "Romanov", "Vorobyov",
            "Sergeev", "Kuzmin", "Frolov", "Aleksandrov", "Dmitriev", "Korolev", "Gusev", "Kiselev",
            "Ilyin", "Maksimov", "Polyakov", "Sorokin", "Vinogradov", "Kovalev", "Belov", "Medvedev",
        ),
    ),
)  # fmt: skip

ACCENTS = str.maketrans("áéíóúñüèëçïöä", "aeiounueeciao")
SUN_LETTERS = "tdrzsn"  # al-Tamimi is said at-Tamimi (only spellings that show it: ad-, ar-, as-, ...)

# --- Transliteration conventions ----------------------------------------------------------------

_WEIGHTED = tuple[tuple[str, float], ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so that weighted tuples of them hash
class Convention:
    """How one kind of source writes Arabic and Persian names: probabilities of each rewrite."""

    name: str
    rewrites: dict[str, float]  # rewrite -> probability at each place it could apply
    articles: _WEIGHTED  # (form, weight); "" = no article, "+" = fused (Altamimi)
    abd: _WEIGHTED  # how Abd al-X is written; X stands for the second word
    din: _WEIGHTED  # how X al-Din is written
    kunya: _WEIGHTED  # Abu / Abou / Abo
    nasab: _WEIGHTED  # bin / ibn / ben
    keep_apostrophe: float = 0.0  # Sa'id, Ja'far
    compound: _WEIGHTED = ((" ", 1),)  # how two-word given names are joined: Mohammad Reza, Mohammadreza
    active: tuple[tuple[re.Pattern[str], float, str | None], ...] = field(
        init=False, repr=False, compare=False
    )
    _matches: dict[str, tuple[bool, ...]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        """Keep only the rewrites this convention uses, in order: spelling a word tries no others."""
        unknown = sorted(self.rewrites.keys() - {name for name, _, _ in REWRITES})
        if unknown:
            raise ValueError(f"{self.name}: unknown rewrites {unknown}")
        active = tuple(
            (pattern, self.rewrites[name], out) for name, pattern, out in _COMPILED if name in self.rewrites
        )
        object.__setattr__(self, "active", active)

    def matches(self, text: str) -> tuple[bool, ...]:
        """Which active rewrites match a word; remembered, as the same words come up again and again."""
        found = self._matches.get(text)
        if found is None:
            found = self._matches[text] = tuple(bool(pattern.search(text)) for pattern, _, _ in self.active)
        return found


# Rewrites, applied to lowercase words in this order, each with the convention's probability at
# every place its pattern matches. The replacement None is the doubling rule: a doubled consonant
# becomes single, a single one double.
REWRITES: tuple[tuple[str, str, str | None], ...] = (
    ("zadeh>zade", "zadeh$", "zade"),  # Hosseinzadeh -> Hosseinzade
    ("zadeh>zada", "zadeh$", "zada"),  # Rezazadeh -> Rezazada (Afghan)
    ("pour>pur", "pour$", "pur"),  # Karimpour -> Karimpur
    ("pour>poor", "pour$", "poor"),  # Karimpour -> Karimpoor
    ("nejad>nezhad", "nejad$", "nezhad"),  # Ahmadinejad -> Ahmadinezhad
    ("aei>ai", "aei$", "ai"),  # Rezaei -> Rezai
    ("aei>aee", "aei$", "aee"),  # Rezaei -> Rezaee
    ("ullah>ulla", "ullah$", "ulla"),  # Hikmatullah -> Hikmatulla
    ("ou>u", "ou", "u"),  # Mahmoud -> Mahmud
    ("ee>i", "ee", "i"),  # Naveed -> Navid
    ("oo>u", "oo", "u"),  # Haroon -> Harun
    ("gh>q", "^gh", "q"),  # Ghasem -> Qasem
    ("dh>z", "dh", "z"),  # Kadhimi -> Kazimi
    ("dh>d", "dh", "d"),  # Dhiya -> Diya
    ("th>s", "th", "s"),  # Uthman -> Usman
    ("th>t", "th", "t"),  # Uthman -> Utman
    ("kh>h", "kh", "h"),  # Khalid -> Halid
    ("sh>ch", "sh", "ch"),  # Shams -> Chams
    ("q>k", "q", "k"),  # Qasim -> Kasim
    ("q>g", "q", "g"),  # Qasim -> Gasim
    ("q>gh", "q", "gh"),  # Qasim -> Ghasim
    ("j>dj", "j", "dj"),  # Jamal -> Djamal
    ("j>g", "j", "g"),  # Jamal -> Gamal
    ("v>w", "v", "w"),  # Parvez -> Parwez
    ("double>single", r"([bdfklmnrstyz])\1", None),  # Hassan -> Hasan
    ("single>double", r"(?<=[aeiouy])(s)(?=[aeiouy])", None),  # Hasan -> Hassan, Yusuf -> Youssef
    ("ay>ai", r"ay(?![aeiouy])", "ai"),  # Zayd -> Zaid
    ("ay>ei", r"ay(?![aeiouy])", "ei"),  # Husayn -> Husein
    ("iya>ia", "iya", "ia"),  # Ziyad -> Ziad
    ("w>ou", r"(?<=[aeiou])w", "ou"),  # Awad -> Aouad
    ("u>o", r"(?<![ao])u", "o"),  # Muhammad -> Mohammad
    ("u>ou", r"(?<![ao])u", "ou"),  # Yusuf -> Youssouf
    ("u>oo", r"(?<![ao])u(?=[dmrn]$)", "oo"),  # Nur -> Noor
    ("i>e", r"(?<!^)(?<![aeo])i(?![aeiou]|$)", "e"),  # Kazimi -> Kazemi (never the final i)
    ("i>ee", r"(?<!^)(?<![aeo])i(?![aeiou]|$|([a-z])\1)", "ee"),  # Karim -> Kareem (Siddiqui stays)
    ("a>e", r"(?<=m)a(?=d$)", "e"),  # Ahmad -> Ahmed, Muhammad -> Muhammed
    ("i>y", r"(?<=[^aeiou])i$", "y"),  # al-Masri -> El-Masry
    ("qi>qui", "qi$", "qui"),  # Siddiqi -> Siddiqui
)
_COMPILED = tuple((name, re.compile(pattern), out) for name, pattern, out in REWRITES)
_AYN_AFTER_A = re.compile("a'(?=[^aeiou])")

_ART_ARABIC: _WEIGHTED = (("al-", 6), ("Al-", 3), ("al ", 1), ("Al ", 1), ("", 1.5), ("+", 0.3))
_ABD_ARABIC: _WEIGHTED = (("Abd al-X", 4), ("Abdul X", 3), ("Abdul-X", 1), ("Abdulx", 1), ("Abd el-X", 0.3))

SCHOLARLY = Convention(
    "scholarly",
    {
        "double>single": 0.05, "u>o": 0.02, "i>e": 0.02, "ou>u": 0.7, "ee>i": 0.7, "oo>u": 0.7,
        "gh>q": 0.5, "pour>pur": 0.5, "aei>ai": 0.3,
    },
    _ART_ARABIC,
    (("Abd al-X", 1),),
    (("X al-Din", 5), ("X ad-Din", 1)),
    (("Abu", 1),),
    (("ibn", 2), ("bin", 1)),
    keep_apostrophe=0.6,
)  # fmt: skip

ENGLISH_PRESS = Convention(
    "english-press",
    {
        "dh>z": 0.2, "th>s": 0.05, "kh>h": 0.05, "q>k": 0.5, "q>g": 0.05, "double>single": 0.2,
        "single>double": 0.15, "ay>ai": 0.5, "ay>ei": 0.4, "iya>ia": 0.6, "u>o": 0.5,
        "u>oo": 0.08, "i>e": 0.25, "i>ee": 0.1, "a>e": 0.6, "ou>u": 0.15, "ee>i": 0.3, "oo>u": 0.3,
        "gh>q": 0.15, "zadeh>zade": 0.1, "pour>pur": 0.2, "nejad>nezhad": 0.1, "aei>ai": 0.3,
        "aei>aee": 0.1, "qi>qui": 0.2,
    },
    _ART_ARABIC,
    _ABD_ARABIC,
    (("X al-Din", 2), ("Xeddin", 1), ("Xuddin", 1)),
    (("Abu", 8), ("Abou", 1)),
    (("bin", 3), ("ibn", 1)),
)  # fmt: skip

FRENCH = Convention(
    "french",
    {
        "dh>d": 0.2, "th>t": 0.3, "q>k": 0.6, "sh>ch": 0.8, "j>dj": 0.7, "double>single": 0.1,
        "single>double": 0.3, "ay>ai": 0.3, "ay>ei": 0.4, "iya>ia": 0.7, "w>ou": 0.6,
        "u>ou": 0.8, "i>e": 0.2, "a>e": 0.5, "ee>i": 0.8, "oo>u": 0.5,
    },
    (("el-", 4), ("El-", 2), ("al-", 2), ("El ", 1), ("", 1), ("+", 0.3)),
    (("Abdel X", 4), ("Abdelx", 2), ("Abd el-X", 1)),
    (("Xeddine", 4), ("X el-Din", 1)),
    (("Abou", 4), ("Abu", 1)),
    (("ben", 4), ("bin", 1)),
)  # fmt: skip

PERSIAN = Convention(
    "persian",
    {
        "dh>z": 0.9, "th>s": 0.8, "q>gh": 0.6, "double>single": 0.3, "ay>ei": 0.8,
        "iya>ia": 0.5, "u>o": 0.7, "u>ou": 0.2, "i>e": 0.6, "a>e": 0.1, "zadeh>zade": 0.15,
        "pour>pur": 0.1, "pour>poor": 0.05, "nejad>nezhad": 0.15, "aei>ai": 0.1, "aei>aee": 0.1,
        "ou>u": 0.05, "gh>q": 0.1, "v>w": 0.03,
    },
    (("", 6), ("al-", 1), ("Al-", 1)),
    (("Abdol X", 2), ("Abdolx", 2), ("Abdul X", 1)),
    (("Xeddin", 2), ("X al-Din", 1), ("Xoddin", 1)),
    (("Abu", 1), ("Abol", 0.2)),
    (("ibn", 1), ("bin", 1)),
    compound=((" ", 4), ("", 2), ("-", 1)),
)  # fmt: skip

EGYPTIAN_LEVANTINE = Convention(
    "egyptian-levantine",
    {
        "dh>z": 0.6, "dh>d": 0.3, "th>s": 0.4, "th>t": 0.3, "q>g": 0.3, "q>k": 0.3,
        "j>g": 0.4, "double>single": 0.15, "single>double": 0.2, "ay>ei": 0.7,
        "iya>ia": 0.5, "u>o": 0.6, "u>ou": 0.2, "i>e": 0.4, "a>e": 0.6, "i>y": 0.4,
    },
    (("El-", 3), ("el-", 2), ("Al-", 1), ("", 1), ("+", 0.5)),
    (("Abdel X", 4), ("Abdul X", 1), ("Abdelx", 1)),
    (("X el-Din", 1), ("Xeddin", 2), ("Xeldin", 1)),
    (("Abu", 3), ("Abou", 2)),
    (("bin", 1), ("ibn", 1)),
)  # fmt: skip

SOUTH_ASIAN = Convention(
    "south-asian",
    {
        "dh>z": 0.7, "th>s": 0.6, "q>k": 0.1, "double>single": 0.15, "single>double": 0.1,
        "ay>ai": 0.7, "iya>ia": 0.6, "u>o": 0.3, "u>oo": 0.2, "i>e": 0.15, "i>ee": 0.2,
        "a>e": 0.5, "ee>i": 0.15, "oo>u": 0.2, "ou>u": 0.3, "v>w": 0.15, "ullah>ulla": 0.1,
        "zadeh>zada": 0.3, "qi>qui": 0.7,
    },
    (("", 10), ("al-", 1)),
    (("Abdul X", 5), ("Abdulx", 2), ("Abdul-X", 1), ("Abd al-X", 0.5)),
    (("Xuddin", 3), ("X-ud-Din", 1), ("X ud Din", 0.5), ("Xudin", 0.5)),
    (("Abu", 1),),
    (("bin", 1),),
    compound=((" ", 1),),
)  # fmt: skip


@functools.cache
def _cumulative(options: tuple[tuple[Any, float], ...]) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    """The values and cumulative weights of (value, weight) options, made once per options tuple."""
    return tuple(o for o, _ in options), tuple(itertools.accumulate(w for _, w in options))


def _draw(rng: Random, values: Sequence[T], cum_weights: Sequence[float]) -> T:
    """One value by cumulative weight, the draw rng.choices makes, without its per-call set-up."""
    return values[bisect(cum_weights, rng.random() * cum_weights[-1], 0, len(values) - 1)]


def _pick(rng: Random, options: tuple[tuple[T, float], ...]) -> T:
    """One value of (value, weight) options, drawn by weight."""
    return _draw(rng, *_cumulative(options))


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights for ranks 1..count."""
    return list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, count + 1)))


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def _rewriter(rng: Random, p: float, replacement: str | None) -> Callable[[re.Match[str]], str]:
    """A re.sub callback that rewrites each match with probability p."""

    def rewrite(m: re.Match[str]) -> str:
        if rng.random() >= p:
            return m.group(0)
        if replacement is None:  # collapse a doubled consonant, or double a single one
            return m.group(1) if len(m.group(0)) == 2 else m.group(1) * 2
        return replacement

    return rewrite


def spell_word(word: str, convention: Convention, rng: Random) -> str:
    """One word (no spaces, no article) spelled in a convention: each rewrite fires at random."""
    text = word.lower()
    if "'" in text and rng.random() >= convention.keep_apostrophe:  # the ayn dropped
        if rng.random() < 0.7:
            text = _AYN_AFTER_A.sub("aa", text)  # Sa'd -> Saad, Ja'far -> Jaafar
        text = text.replace("'", "")
    matches = convention.matches(text)
    for i, (pattern, p, replacement) in enumerate(convention.active):
        if matches[i]:  # most rewrites do not apply: no callback to make
            rewritten = pattern.sub(_rewriter(rng, p, replacement), text)
            if rewritten != text:
                text, matches = rewritten, convention.matches(rewritten)
    return _capitalize(text)


def spell_article(word: str, convention: Convention, rng: Random) -> str:
    """A word that takes the article (tamimi): al-Tamimi, El-Tamimi, Al Tamimi, Altamimi, Tamimi."""
    stem = spell_word(word, convention, rng)
    form = _pick(rng, convention.articles)
    if form in ("al-", "el-") and stem[0].lower() in SUN_LETTERS and rng.random() < 0.1:
        form = f"a{stem[0].lower()}-"  # ad-Dulaymi, as-Sadr
    if form == "+":
        return _capitalize(_pick(rng, (("al", 2), ("el", 1)))) + stem.lower()
    return form + stem


def spell_given(given: str, convention: Convention, rng: Random) -> str:
    """A given name, with compounds: Abd al-Rahman -> Abdul Rahman / Abdelrahman; Nur al-Din -> Nureddine."""
    if given.startswith("Abd al-"):
        second = spell_word(given.removeprefix("Abd al-"), convention, rng)
        form = _pick(rng, convention.abd)
        return form.replace("X", second).replace("x", second.lower())
    if given.endswith(" al-Din"):
        first = spell_word(given.removesuffix(" al-Din"), convention, rng)
        form = _pick(rng, convention.din)
        return form.replace("X", first)
    if " " in given:  # Mohammad Reza, Ghulam Rasul: two names, sometimes written as one
        first, second = (spell_word(w, convention, rng) for w in given.split(" ", 1))
        joint = _pick(rng, convention.compound)
        return first + joint + (second.lower() if joint == "" else second)
    return spell_word(given, convention, rng)


def spell_surname(surname: str, convention: Convention, rng: Random, article: float = 0.0) -> str:
    """A surname: al-X takes the convention's article, Abu X and Bin X its kunya and nasab words, and
    a family name takes the article in the given share of mentions (al-Haddad)."""
    if surname.startswith("al-"):
        return spell_article(surname.removeprefix("al-"), convention, rng)
    first, _, rest = surname.partition(" ")
    if rest:  # Abu Zayd, Bin Mahfuz, Isa Khel, Hashemi Rafsanjani
        if first == "Abu":
            first = _pick(rng, convention.kunya)
        elif first == "Bin":
            first = _capitalize(_pick(rng, convention.nasab))
        else:
            first = spell_word(first, convention, rng)
        return f"{first} {spell_surname(rest, convention, rng)}"
    if rng.random() < article:
        return spell_article(surname, convention, rng)
    return spell_word(surname, convention, rng)


# --- Regions, people and their mentions ---------------------------------------------------------


@dataclass(frozen=True)
class Pool:
    """Names with Zipf weights by rank (the first is the most common), with their cumulative weights."""

    names: tuple[str, ...]
    exponent: float
    cum_weights: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cum_weights", tuple(_zipf(len(self.names), self.exponent)))

    def draw(self, rng: Random) -> str:
        return _draw(rng, self.names, self.cum_weights)


def _persian_built(roots: Sequence[str], suffixes: Sequence[str]) -> list[str]:
    """Root + suffix surnames, commonest first: by root rank + suffix rank (Hosseini, Alizadeh ...)."""
    built: list[str] = []
    for rank in range(len(roots) + len(suffixes) - 1):
        for s, suffix in enumerate(suffixes[: rank + 1]):
            r = rank - s
            if r >= len(roots):
                continue
            root = roots[r]
            if root[-1] in "aeiou" and suffix[0] in "aeiou":
                if root[-1] != "a" or suffix == "abadi":  # Rezaei, Rezaian; no Aliian or Rezaabadi
                    continue
                suffix = "e" + suffix if suffix == "i" else suffix
            built.append(root + suffix)
    return built


def _arab_built() -> list[str]:
    """Family names made from a forebear's given name: Abu Khalil, Bin Mahfuz, Mansur, Al Hamad."""
    simple = [g for g in ARAB_MALE if " " not in g]
    return [name for g in simple for name in (f"Abu {g}", g, f"Bin {g}", f"al-{g}")]


def _pashtun_built() -> list[str]:
    """Pashtun tribe and clan names from an ancestor's name: Yusufzai, Ahmadzai, Isa Khel."""
    return [name for a in PASHTUN_ANCESTORS for name in (f"{a}zai", f"{a} Khel")]


def _unique(*lists: Iterable[str]) -> tuple[str, ...]:
    """The names of several lists in order, each once (dict keeps the first place)."""
    return tuple(dict.fromkeys(itertools.chain(*lists)))


def _interleave(nisbas: Sequence[str], families: Sequence[str]) -> tuple[str, ...]:
    """Nisbas (with the article) and family names merged rank by rank: both keep their common names on top."""
    pairs = itertools.zip_longest((f"al-{n}" for n in nisbas), families)
    return _unique(n for pair in pairs for n in pair if n is not None)


@dataclass(frozen=True, eq=False)  # hashed by identity, like Convention
class Region:
    """Where a person's name comes from: its name lists, structure and the sources that write it."""

    name: str
    male: Pool
    female: Pool
    surnames: Pool
    conventions: tuple[tuple[Convention, float], ...]
    titles: tuple[str, ...]
    father: float = 0.0  # share of people whose father's name is known
    grandfather: float = 0.0  # share of those whose grandfather's name is known too
    kunya: float = 0.0
    female_share: float = 0.2
    muhammad: float = 0.0  # share of men named Muhammad before their own name (Muhammad Imran)
    double_surname: float = 0.0  # share of people with two surnames (Hashemi Rafsanjani)
    family_article: float = 0.0  # share of mentions that write a family name with the article (al-Haddad)


REGIONS: tuple[tuple[Region, float], ...] = (
    (
        Region(
            "arab",
            Pool(ARAB_MALE, 1.05),
            Pool(ARAB_FEMALE, 1.0),
            Pool(_unique(_interleave(ARAB_NISBAS, ARAB_FAMILY), _arab_built()), 0.75),
            (
                (SCHOLARLY, 2.0), (ENGLISH_PRESS, 4.0), (FRENCH, 1.0), (PERSIAN, 0.3),
                (EGYPTIAN_LEVANTINE, 1.5),
            ),
            ("Sheikh", "Dr.", "Gen.", "Sayyid", "Hajji", "Maj. Gen.", "Imam", "Col.", "Eng."),
            father=0.7,
            grandfather=0.4,
            kunya=0.12,
            family_article=0.05,
        ),
        0.50,
    ),
    (
        Region(
            "persian",
            Pool(PERSIAN_MALE, 0.95),
            Pool(PERSIAN_FEMALE, 1.0),
            Pool(_unique(PERSIAN_SURNAMES, _persian_built(PERSIAN_ROOTS, PERSIAN_SUFFIXES)), 0.75),
            ((PERSIAN, 5.0), (ENGLISH_PRESS, 2.0), (SCHOLARLY, 1.0), (FRENCH, 0.3)),
            ("Seyed", "Sayyid", "Dr.", "Hojatoleslam", "Ayatollah", "Haj", "Gen.", "Eng."),
            father=0.05,
            double_surname=0.12,
        ),
        0.18,
    ),
    (
        Region(
            "south-asian",
            Pool(SOUTH_ASIAN_MALE, 0.95),
            Pool(SOUTH_ASIAN_FEMALE, 1.0),
            Pool(_unique(SOUTH_ASIAN_SURNAMES, _pashtun_built()), 0.7),
            ((SOUTH_ASIAN, 5.0), (ENGLISH_PRESS, 2.0), (SCHOLARLY, 0.5)),
            ("Syed", "Maulana", "Mufti", "Haji", "Dr.", "Mullah", "Maulvi", "Gen."),
            father=0.5,
            muhammad=0.25,
        ),
        0.17,
    ),
)  # fmt: skip

OTHER_SHARE = 0.15
OTHER_LANGUAGES: tuple[tuple[tuple[str, tuple[Pool, Pool]], float], ...] = tuple(
    ((language, (Pool(given, 0.7), Pool(surnames, 0.6))), weight)
    for language, weight, given, surnames in OTHER_NAMES
)


@dataclass(frozen=True)
class Person:
    """One person: the parts their name is built from."""

    given: str
    surname: str
    region: Region | None  # None: a non-Arabic name, written as it is
    father: str = ""
    grandfather: str = ""
    kunya: str = ""  # the name after Abu / Umm
    female: bool = False
    language: str = ""  # of a non-Arabic name; its middle name, mother's surname or patronymic is `father`


def _patronymic(father: str, female: bool) -> str:
    """A Russian patronymic: Ivan -> Ivanovich / Ivanovna, Sergei -> Sergeevich, Dmitri -> Dmitrievich."""
    if father.endswith(("ei", "ai")):
        stem, ending = father[:-1], "ev"
    else:
        stem, ending = father, "ev" if father.endswith("i") else "ov"
    return stem + ending + ("na" if female else "ich")


def make_other(rng: Random) -> Person:
    """A person with a non-Arabic name, with the middle part that language uses, if any."""
    language, (given_pool, surname_pool) = _pick(rng, OTHER_LANGUAGES)
    given, surname, middle = given_pool.draw(rng), surname_pool.draw(rng), ""
    if language == "english" and rng.random() < 0.5:
        middle = surname_pool.draw(rng)  # a family name as middle name, as often: James Walker Smith
    elif language == "spanish" and rng.random() < 0.85:
        middle = surname_pool.draw(rng)  # the mother's surname: José García López
    elif language == "russian":
        female = given.endswith("a")
        if female and surname.endswith(("ov", "ev")):
            surname += "a"  # Olga Ivanova
        if rng.random() < 0.8:
            while (father := given_pool.draw(rng)).endswith("a"):
                pass
            middle = _patronymic(father, female)
    return Person(given, surname, None, father=middle, language=language)


def make_person(rng: Random) -> Person:
    """A person of a region drawn by share, with the parts of a name that region uses."""
    if rng.random() < OTHER_SHARE:
        return make_other(rng)
    region = _pick(rng, REGIONS)
    female = rng.random() < region.female_share
    given = (region.female if female else region.male).draw(rng)
    if not female and " " not in given and given != "Muhammad" and rng.random() < region.muhammad:
        given = f"Muhammad {given}"
    father = grandfather = kunya = ""
    if rng.random() < region.father:
        father = region.male.draw(rng)
        if rng.random() < region.grandfather:
            grandfather = region.male.draw(rng)
    if rng.random() < region.kunya:
        kunya = rng.choice(KUNYA_NAMES) if rng.random() < 0.5 else region.male.draw(rng)
    surname = region.surnames.draw(rng)
    if rng.random() < region.double_surname:
        surname = f"{surname} {region.surnames.draw(rng)}"
    return Person(given, surname, region, father, grandfather, kunya, female)


def spell_other(person: Person, rng: Random) -> str:
    """A non-Arabic name: accents kept or dropped, the middle part shown or not, list forms."""
    given, surname, middle = person.given, person.surname, person.father
    if rng.random() < 0.3:
        given, surname, middle = (part.translate(ACCENTS) for part in (given, surname, middle))
    first = given
    if middle and person.language == "english":
        r = rng.random()
        first = f"{given} {middle[0]}." if r < 0.5 else f"{given} {middle}" if r < 0.7 else given
    elif middle and person.language == "spanish" and rng.random() < 0.6:
        surname = f"{surname} {middle}"
    elif middle and rng.random() < 0.4:  # Russian: Sergei Ivanovich Petrov
        first = f"{given} {middle}"
    r = rng.random()
    if r < 0.08:
        return f"{surname.upper()}, {first}"
    if r < 0.13:
        return surname
    if r < 0.16:
        return f"{given[0]}. {surname}"
    return f"{first} {surname}"


def spell_person(person: Person, rng: Random) -> str:
    """One mention of a person in one convention, in one of the shapes names are written in."""
    region = person.region
    if region is None:
        return spell_other(person, rng)
    convention = _pick(rng, region.conventions)
    surname = spell_surname(person.surname, convention, rng, region.family_article)
    if rng.random() < 0.04:
        return surname  # a bare surname: "al-Tamimi said"
    parts: list[str] = []
    if person.kunya:
        prefix = _pick(rng, convention.kunya) if not person.female else "Umm"
        kunya = f"{prefix} {spell_given(person.kunya, convention, rng)}"
        if rng.random() < 0.5:  # nom de guerre: Abu Mahdi al-Muhandis
            return f"{kunya} {surname}"
        if rng.random() < 0.5:
            parts.append(kunya)
    given = person.given
    if given.startswith("Muhammad ") and rng.random() < 0.3:  # Muhammad Imran Khan, Imran Khan
        given = given.removeprefix("Muhammad ")
    parts.append(spell_given(given, convention, rng))
    if person.father and rng.random() < 0.7:
        ancestors = [person.father]
        if person.grandfather and rng.random() < 0.5:
            ancestors.append(person.grandfather)
        connected = rng.random() < 0.4  # Ali bin Husayn bin Jasim
        for i, ancestor in enumerate(ancestors):
            name = spell_given(ancestor, convention, rng)
            if connected:
                connector = "bint" if person.female and i == 0 else _pick(rng, convention.nasab)
                name = f"{connector} {name}"
            parts.append(name)
    parts.append(surname)
    if rng.random() < 0.05:  # the titles are men's, bar Dr.
        parts.insert(0, "Dr." if person.female else rng.choice(region.titles))
    if rng.random() < 0.02:
        return f"{surname.upper()}, {' '.join(parts[:-1])}"  # sanctions-list style
    if rng.random() < 0.01:
        return " ".join(parts).upper()
    return " ".join(parts)


SPELLINGS = ((1, 30), (2, 25), (3, 18), (4, 12), (5, 9), (6, 6))  # (spellings of one person, weight)
REPEATS = ((1, 88), (2, 8), (3, 3), (4, 1))  # (mentions of one spelling, weight)


def generate_people(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """n mentions as (spelling, person index), shuffled; several mentions per person.

    >>> generate_people(3, seed=1) == generate_people(3, seed=1)
    True
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = Random(seed)
    mentions: list[tuple[str, int]] = []
    person_id = 0
    while len(mentions) < n:
        person = make_person(rng)
        for _ in range(_pick(rng, SPELLINGS)):
            spelling = spell_person(person, rng)
            repeats = _pick(rng, REPEATS)
            mentions.extend([(spelling, person_id)] * repeats)
        person_id += 1
    del mentions[n:]
    rng.shuffle(mentions)
    return mentions


def generate(n: int, seed: int = 0) -> list[str]:
    """n realistic name spellings, reproducible for a seed.

    >>> len(generate(50, seed=3)), generate(50, seed=3) == generate(50, seed=3)
    (50, True)
    """
    return [name for name, _ in generate_people(n, seed)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="how many names to print")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    sys.stdout.writelines(f"{name}\n" for name in generate(args.n, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
