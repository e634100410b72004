#!/usr/bin/env python3
"""Synthetic Indonesian-looking gazetteer for the scaling benchmark of scripts/bench-peers.

Adapted from ../shared/bench/make_gaz.py (same vocabularies, same generator, same seed, so the
same names in the same order); the difference is the output: tandai's gazetteer format
(gazetteers/README.md), one entry per line as `ENTRY<TAB><TAB>LABEL` (empty canonical column,
label in the third column), under a comment header. The first TAB field of each line is the name,
so examples/rawscan.rs reads the same file.

    python3 make_gaz.py --n 1000000 --out gaz_1m.txt [--seed 42]

N unique entries (unique ignoring case), deterministic for a given --seed; smaller N gives a prefix
of a larger N. Mix: ~50% PER, ~28% LOC, ~22% ORG (override with --mix). A few percent of entries
carry non-ASCII letters (é, ü, ñ ... as in loan names, "Café") and ~1% are single words
("Sleman" inside "Kabupaten Sleman"), so nested and overlapping matches occur.
"""
import argparse
import os
import random
import sys

# --------------------------------------------------------------------------
# Vocabularies (hand-written, typical of Indonesian usage)
# --------------------------------------------------------------------------
FIRST = """Adi Agus Agung Ahmad Aji Andi Anggi Anisa Ani Arif Arya Asep Ayu Bambang
Bayu Benny Budi Cahya Cahyo Citra Dani Dedi Dewi Dian Dimas Dina Dodi Eka Eko
Endang Erlangga Evi Fajar Fauzi Fitri Gilang Gita Hadi Hani Hendra Heru Ika
Imam Indah Indra Intan Irfan Iwan Joko Kartika Kurnia Lestari Lina Lukman
Made Maya Mega Mila Muhammad Nanda Nia Novi Nur Nurul Oki Putra Putri Rahmat
Rani Ratna Reza Rina Rini Rizal Rizki Robby Rudi Sari Setyo Siti Slamet Sri
Surya Susanti Taufik Teguh Tri Tuti Umar Wahyu Wawan Wayan Wulan Yanti Yoga
Yudi Yuni Zainal Zulkifli Ketut Nyoman Kadek Gede Komang Putu Ujang Neng
Yusuf Hasan Husein Abdul Ibrahim Ismail Salim Fatimah Aisyah Khadijah Zahra
Bagus Dwi Catur Panca Sinta Ratih Laras Galih Bima Arjuna Sekar Melati Mawar
Kevin Michael Stefanus Yohanes Maria Theresia Fransiskus Agustinus Paulus
Lukas Markus Petrus Yosef Christian Natalia Veronika Angelina Felix Hendrik
Fikri Rafi Alif Daffa Naufal Haikal Raka Rangga Bintang Satria Aditya Pratiwi""".split()

MIDDLE = """Adi Aditya Agung Ananda Bagus Budi Cahya Dwi Eka Fajar Hadi Hari Indah
Jaya Kusuma Maulana Mulya Nur Permana Putra Putri Rahma Ramadhan Ratna Rizky
Sari Setia Surya Tri Wahyu Wijaya Yuda Dharma Bayu Cipta Dewi Laksmi Puspita
Anggraini Kurniawan Hidayat Nugraha Saputra Pratama Prasetyo Santoso Utama
Abdillah Alamsyah Firmansyah Hakim Iskandar Lubis Rahman Syahputra Zulfikar""".split()

LAST = """Santoso Wijaya Saputra Pratama Kurniawan Hidayat Nugroho Setiawan Susanto
Hartono Gunawan Wibowo Purnomo Suryadi Sutanto Halim Tanoto Salim Lim Tan
Siregar Nasution Lubis Harahap Simanjuntak Sinaga Situmorang Hutapea Panjaitan
Pardede Sihombing Tampubolon Silalahi Manurung Sitompul Simatupang Marpaung
Sembiring Ginting Tarigan Karo Perangin-angin Pohan Daulay Ritonga Hasibuan
Tanjung Chaniago Piliang Koto Sikumbang Jambak Caniago Pane Batubara Matondang
Kusumawardhani Rahayu Lestari Handayani Puspitasari Anggraeni Maharani
Permatasari Wulandari Kartikasari Safitri Utami Yulianti Fitriani Marlina
Sulistyowati Wahyuningsih Rachmawati Oktaviani Ramadhani Damayanti Kusuma
Hakim Firdaus Maulana Hamzah Syahrial Effendi Fauzan Iskandar Rasyid Subagyo
Suharto Sukarno Sudirman Hatta Sjahrir Prawiranegara Mangkunegara Hadiningrat
Suryaningrat Notonegoro Kartodirdjo Wiranatakusumah Atmadja Kusumah Sumantri
Tambunan Pasaribu Napitupulu Sibarani Hutagalung Lumbantobing Simbolon Butarbutar
Mokoginta Pontoh Rumondor Sondakh Wowor Lasut Tumbelaka Mandagi Kawilarang
Pattimura Latuconsina Pattiasina Tuhumury Lekatompessy Manuhutu Sahetapy
Daeng Mappanyukki Bakri Makassau Pallawa Rombe Tandilino Pakiding Sampetoding""".split()

# a few loan names with non-ASCII letters (realistic in Indonesian media)
UNI_FIRST = "André René José Zoë Chloé Noël Jürgen Müller Łukasz Ángel Nuñez Gérard".split()

# Place-name morphemes (Javanese / Sundanese / Malay style)
PLACE_HEAD = """Suka Karang Sumber Banjar Sido Tanjung Pasir Muara Kali Ci Wono Purwo
Kedung Gunung Batu Tegal Rejo Mekar Jati Bojong Pondok Kebon Lebak Talang
Sungai Padang Bukit Kota Labuhan Teluk Pulau Air Lubuk Paya Simpang Sei
Bangun Tanah Duri Mangga Rawa Ranca Pangkalan Cibe Cila Jaya Giri Sari Mulyo
Ngaglik Ngemplak Sleman Tempel Sedayu Wates Pakem Kalasan Prambanan Seyegan""".split()
PLACE_TAIL = """maju jaya sari rejo harjo mulyo agung wangi baru asih makmur mukti
rahayu indah sejahtera subur lor kidul wetan kulon tengah anyar kerto arum
manik mas raya tinggi rendah luhur wening asri dadi joyo sentosa mekar
kencana permai damai jati sumber rasa karya bakti utama lestari murni""".split()
SYL = """ba be bi bo bu da de di do du ga gi gu ja jo ju ka ke ki ko ku la le li lo
lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su
ta te ti to tu wa we wi wo ya yo ca ci co cu nga ngu nya ngi ha hu sem ban lam
gan jar tan kar pur sur wan man ran dang bang lang pang rang tang wang""".split()
LOC_PREFIX = [
    ("Kabupaten", 10), ("Kota", 10), ("Kecamatan", 10), ("Desa", 14),
    ("Kelurahan", 8), ("Provinsi", 2), ("Pulau", 4), ("Gunung", 4),
    ("Sungai", 4), ("Danau", 2), ("Teluk", 2), ("Tanjung", 2), ("Jalan", 10),
    ("Dusun", 6), ("Kampung", 6), ("Pantai", 3), ("Selat", 1), ("Bukit", 2),
]
ORG_PREFIX = [
    ("PT", 30), ("CV", 10), ("Universitas", 6), ("Institut", 2),
    ("Sekolah Tinggi", 2), ("Politeknik", 2), ("Yayasan", 6), ("Koperasi", 4),
    ("Bank", 3), ("Rumah Sakit", 4), ("Dinas Pendidikan", 2),
    ("Dinas Kesehatan", 2), ("Pemerintah", 2), ("Partai", 2), ("Persatuan", 2),
    ("Ikatan", 2), ("Himpunan", 1), ("Lembaga", 2), ("Badan", 2),
    ("Kementerian", 1), ("Perusahaan Daerah", 2), ("Pondok Pesantren", 3),
    ("SMA Negeri", 3), ("SMP Negeri", 2), ("Masjid", 2), ("Gereja", 1),
    ("Kantor Pos", 1), ("Polres", 1), ("Pengadilan Negeri", 1),
]
ORG_WORD = """Maju Jaya Abadi Sentosa Makmur Sejahtera Mandiri Perkasa Utama Prima
Sukses Bersama Karya Cipta Mulia Nusantara Indonesia Global Persada Lestari
Agung Raya Sumber Rejeki Berkah Amanah Sinar Cahaya Baru Mega Kencana Mas
Buana Bumi Tirta Sarana Teknik Niaga Logistik Konstruksi Energi Pangan Media
Digital Solusi Informatika Farma Medika Tekstil Semen Baja Kimia Perdana
Harapan Bangsa Pertiwi Wisesa Adhi Wijaya Gemilang Cemerlang Bintang Samudra
Angkasa Kartika Dirgantara Bahari Tunggal Sakti Putra Putri Mitra Usaha
Industri Perkebunan Pertambangan Properti Investama Finansial Asuransi""".split()
ORG_TAIL = ["Tbk", "Indonesia", "Nusantara", "Group", "Persero", "(Persero)",
            "Internasional", "Jakarta", "Surabaya", "Bandung", "Medan"]
ORG_SUFFIX_TOPIC = """Pendidikan Kesehatan Pertanian Perikanan Kehutanan Pariwisata
Kebudayaan Olahraga Pemuda Perhubungan Perindustrian Perdagangan Keuangan
Sosial Lingkungan Hidup Kelautan Pertahanan Agama Koperasi""".split()


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for item, w in pairs:
        r -= w
        if r <= 0:
            return item
    return pairs[-1][0]


def place_name(rng):
    """Indonesian-looking toponym: compound morphemes or syllables."""
    r = rng.random()
    if r < 0.45:
        h = rng.choice(PLACE_HEAD)
        t = rng.choice(PLACE_TAIL)
        return h + t if rng.random() < 0.7 else f"{h} {t.capitalize()}"
    if r < 0.85:
        n = rng.choice((2, 3, 3, 4))
        return "".join(rng.choice(SYL) for _ in range(n)).capitalize()
    a = "".join(rng.choice(SYL) for _ in range(rng.choice((2, 3)))).capitalize()
    return f"{a} {rng.choice(PLACE_TAIL).capitalize()}"


def person(rng):
    r = rng.random()
    first = rng.choice(UNI_FIRST) if rng.random() < 0.02 else rng.choice(FIRST)
    if r < 0.45:
        return f"{first} {rng.choice(LAST)}"
    if r < 0.85:
        return f"{first} {rng.choice(MIDDLE)} {rng.choice(LAST)}"
    if r < 0.95:
        return f"{first} {rng.choice(MIDDLE)} {rng.choice(MIDDLE)} {rng.choice(LAST)}"
    # honorific-bearing forms frequent in news
    hon = rng.choice(["Haji", "Hj.", "Dr.", "Ir.", "Prof.", "Raden", "Teuku", "Cut", "Andi"])
    return f"{hon} {first} {rng.choice(LAST)}"


def location(rng):
    if rng.random() < 0.03:
        return place_name(rng)  # bare toponym (nested matches)
    p = wchoice(rng, LOC_PREFIX)
    name = place_name(rng)
    if p == "Jalan":
        if rng.random() < 0.5:
            return f"Jalan {rng.choice(FIRST)} {rng.choice(LAST)}"
        return f"Jalan {name}"
    if p == "Gunung" and rng.random() < 0.05:
        name = name + "é"  # rare accented toponym (Unicode boundary test)
    return f"{p} {name}"


def organisation(rng):
    p = wchoice(rng, ORG_PREFIX)
    if p in ("PT", "CV"):
        k = rng.choice((2, 2, 3, 3, 4))
        words = " ".join(rng.choice(ORG_WORD) for _ in range(k))
        tail = f" {rng.choice(ORG_TAIL)}" if rng.random() < 0.3 else ""
        return f"{p} {words}{tail}"
    if p in ("Universitas", "Institut", "Sekolah Tinggi", "Politeknik"):
        if rng.random() < 0.5:
            return f"{p} {place_name(rng)}"
        return f"{p} {rng.choice(ORG_WORD)} {rng.choice(ORG_WORD)}"
    if p.startswith("Dinas") or p in ("Pemerintah", "Polres", "Pengadilan Negeri", "Kantor Pos"):
        return f"{p} {wchoice(rng, [('Kota', 1), ('Kabupaten', 1)])} {place_name(rng)}"
    if p in ("SMA Negeri", "SMP Negeri"):
        return f"{p} {rng.randint(1, 40)} {place_name(rng)}"
    if p in ("Kementerian", "Badan", "Lembaga"):
        return f"{p} {rng.choice(ORG_SUFFIX_TOPIC)} {rng.choice(ORG_WORD)} {place_name(rng)}"
    if p == "Café":
        return f"Café {rng.choice(ORG_WORD)}"
    if rng.random() < 0.01:
        return f"Café {rng.choice(ORG_WORD)} {place_name(rng)}"
    return f"{p} {rng.choice(ORG_WORD)} {rng.choice(ORG_WORD)} {place_name(rng)}"


GEN = {"PER": person, "LOC": location, "ORG": organisation}


def generate(n, seed=42, mix=(0.50, 0.28, 0.22)):
    rng = random.Random(seed)
    labels = ["PER", "LOC", "ORG"]
    seen = set()
    out = []
    tries = 0
    while len(out) < n:
        tries += 1
        if tries > n * 50:
            raise SystemExit(f"could not generate {n} unique names")
        r = rng.random()
        lab = labels[0] if r < mix[0] else labels[1] if r < mix[0] + mix[1] else labels[2]
        name = GEN[lab](rng)
        key = name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append((name, lab))
    return out


def write_tandai(rows, f, seed):
    """Writes `rows` (name, label) in tandai's gazetteer format."""
    f.write("# tandai gazetteer: synthetic names for scripts/bench-peers --scale\n")
    f.write(f"# GENERATED by scripts/bench_peers/make_gaz.py --n {len(rows)} --seed {seed}\n")
    f.write("# license: generated data, no rights claimed\n")
    for name, lab in rows:
        f.write(f"{name}\t\t{lab}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--mix", default="0.50,0.28,0.22", help="PER,LOC,ORG fractions")
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    mix = tuple(float(x) for x in a.mix.split(","))
    rows = generate(a.n, a.seed, mix)
    if a.out == "-":
        write_tandai(rows, sys.stdout, a.seed)
        return
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        write_tandai(rows, f, a.seed)
    os.replace(tmp, a.out)  # a killed run leaves no half-written gazetteer behind


if __name__ == "__main__":
    main()
