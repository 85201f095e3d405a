"""Generate a Pemda-sized dataset on top of the demo database, in minutes.

    python bench/generate_pemda.py --database eoffice_bench --config .state/bench.conf

(`make bench` calls it on its own database before the benchmarks.) It adds, to reach:

- 50 SKPD (the demo's ones plus generated dinas, badan and kecamatan);
- 5,000 positions, each held by an employee with an 18-digit NIP, in a head → bidang → seksi
  → staff tree per SKPD;
- 1,000,000 letters: 60 % outgoing (signed and sent, numbered, with a verification token and
  a recipient line), 40 % incoming (registered with an agenda number, 70 % addressed to the
  head of the SKPD and the rest to other seats, 5 % still unread and waiting in that seat's
  inbox), spread over five years, ids growing with time and the SKPD interleaved;
- 200,000 dispositions of incoming letters with one or two branches each, mostly done;
- 100,000 RKA lines for 2027, spread over the SKPD that have no RKA yet.

Companies are created through the ORM (they create partners, calendars and the SKPD's
configuration); everything else is written by set-based SQL (``INSERT ... SELECT
generate_series``) with the same columns the ORM would fill, because a million ORM creates
would take hours. Generated letters have no PDF in the filestore: 600,000 PDFs would take
tens of gigabytes and nothing measured here reads them. The run is idempotent: a second run
sees the marker parameter and changes nothing.
"""
import argparse
import json
import time

import odoo
from odoo.modules.registry import Registry

MARKER = "eoffice_bench.generated"

SKPD_NAMES = [
    "Dinas Pendidikan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja", "Dinas Sosial", "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan",
    "Dinas Ketahanan Pangan", "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Pengendalian Penduduk dan KB", "Dinas Perhubungan",
    "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP", "Dinas Kepemudaan dan Olahraga",
    "Dinas Kebudayaan", "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan", "Dinas Pariwisata",
    "Dinas Pertanian", "Dinas Perdagangan", "Dinas Perindustrian", "Badan Kepegawaian Daerah",
    "Badan Pendapatan Daerah", "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik",
    "Sekretariat DPRD", "Rumah Sakit Umum Daerah", "Dinas Pemadam Kebakaran",
    "Kecamatan Utara", "Kecamatan Selatan", "Kecamatan Timur", "Kecamatan Barat", "Kecamatan Tengah",
    "Kecamatan Pesisir", "Kecamatan Gunung", "Kecamatan Lembah", "Kecamatan Sungai", "Kecamatan Danau",
    "Kecamatan Sawah", "Kecamatan Hutan", "Kecamatan Bukit", "Kecamatan Pantai", "Kecamatan Kota Lama",
]
SUBJECTS = [
    "Undangan rapat koordinasi", "Permohonan data", "Laporan bulanan", "Surat edaran libur nasional",
    "Nota dinas pengadaan ATK", "Permohonan narasumber", "Penyampaian hasil evaluasi", "Undangan sosialisasi",
    "Permohonan izin penelitian", "Laporan pelaksanaan kegiatan", "Pemberitahuan pemeliharaan jaringan",
    "Permohonan rekomendasi teknis", "Penyampaian usulan anggaran", "Undangan bimbingan teknis",
    "Surat tugas monitoring", "Permohonan verifikasi data kependudukan", "Laporan realisasi anggaran",
    "Pemberitahuan jadwal pelantikan", "Permohonan pinjam pakai aset", "Undangan musrenbang",
]


def say(msg):
    print(f"[generate] {msg}", flush=True)


class Generator:
    def __init__(self, env, target):
        self.env = env
        self.cr = env.cr
        self.target = target
        self.timings = {}

    def step(self, name, func):
        start = time.perf_counter()
        result = func()
        self.timings[name] = round(time.perf_counter() - start, 1)
        say(f"{name}: {result} ({self.timings[name]} s)")

    def scalar(self, query, params=None):
        self.cr.execute(query, params or [])
        return self.cr.fetchone()[0]

    # ---------------------------------------------------------------- SKPD
    def companies(self):
        Company = self.env["res.company"]
        pemda = self.env.ref("base.main_company")
        existing = Company.search_count([("is_skpd", "=", True)])
        created = 0
        for index, name in enumerate(SKPD_NAMES[: max(0, self.target["skpd"] - existing)]):
            short = "".join(word[0] for word in name.split() if word[0].isupper())[:8] + f"{index:02d}"
            Company.create({
                "name": name, "is_skpd": True, "parent_id": pemda.id, "skpd_short_code": short,
                "skpd_code": f"9.{index + 1:02d}.0.00.0.00.01.0000",
                "skpd_type": "kecamatan" if name.startswith("Kecamatan") else "dinas",
                "currency_id": pemda.currency_id.id, "country_id": pemda.country_id.id,
            })
            created += 1
        self.env.flush_all()
        # the benchmark's administrator works in every SKPD, as a Diskominfo super-admin would
        self.env.ref("base.user_admin").company_ids = [(6, 0, Company.search([]).ids)]
        self.env.flush_all()
        return f"{created} SKPD created, {existing + created} in all"

    def _skpd_table(self):
        """gen_skpd(idx, company_id, short, head_pos): the SKPD in a fixed order, 0-based."""
        self.cr.execute("""
            DROP TABLE IF EXISTS gen_skpd;
            CREATE TEMP TABLE gen_skpd AS
            SELECT (row_number() OVER (ORDER BY c.id) - 1)::int AS idx, c.id AS company_id,
                   COALESCE(c.skpd_short_code, 'SKPD' || c.id) AS short,
                   (SELECT p.id FROM eoffice_position p WHERE p.company_id = c.id
                     ORDER BY p.parent_id NULLS FIRST, p.id LIMIT 1) AS head_pos
              FROM res_company c WHERE c.is_skpd;
        """)
        return self.scalar("SELECT count(*) FROM gen_skpd")

    # ---------------------------------------------------------------- people
    def positions(self):
        have = self.scalar("SELECT count(*) FROM eoffice_position")
        missing = self.target["positions"] - have
        if missing <= 0:
            return "nothing to add"
        nskpd = self._skpd_table()
        per_skpd = -(-missing // nskpd) + 1  # row 0 is the existing head in the demo SKPD
        self.cr.execute("SELECT id FROM resource_calendar ORDER BY id LIMIT 1")
        calendar = self.cr.fetchone()[0]
        self.cr.execute("""
            -- one seat tree per SKPD: an existing head (or a new one), 4 bidang, 4 seksi each, staff below
            CREATE TEMP TABLE gen_seat AS
            SELECT s.company_id, s.idx, n,
                   CASE WHEN n = 0 THEN 'eselon_2' WHEN n <= 4 THEN 'eselon_3'
                        WHEN n <= 20 THEN 'eselon_4' ELSE 'pelaksana' END AS level,
                   CASE WHEN n = 0 THEN 'Kepala ' || s.short WHEN n <= 4 THEN 'Kepala Bidang ' || n
                        WHEN n <= 20 THEN 'Kepala Seksi ' || (n - 4) ELSE 'Staf Pelaksana ' || (n - 20) END
                       AS name,
                   CASE WHEN n = 0 THEN NULL WHEN n <= 4 THEN 0 WHEN n <= 20 THEN 1 + (n - 5) / 4
                        ELSE 5 + (n - 21) %% 16 END AS parent_n,
                   NULL::int AS resource_id, NULL::int AS employee_id, NULL::int AS position_id
              FROM gen_skpd s CROSS JOIN generate_series(0, %(per)s - 1) AS n;
            UPDATE gen_seat g SET position_id = s.head_pos FROM gen_skpd s
             WHERE g.idx = s.idx AND s.head_pos IS NOT NULL AND g.n = 0;
            ALTER TABLE gen_seat ADD COLUMN k serial;
            WITH r AS (
                INSERT INTO resource_resource (name, company_id, calendar_id, resource_type, tz, active,
                                               time_efficiency, create_uid, write_uid, create_date, write_date)
                SELECT 'Pegawai ' || g.k, g.company_id, %(cal)s, 'user', 'Asia/Jakarta', true, 100, 1, 1,
                       now(), now()
                  FROM gen_seat g WHERE g.position_id IS NULL ORDER BY g.k RETURNING id, name)
            UPDATE gen_seat g SET resource_id = r.id FROM r WHERE r.name = 'Pegawai ' || g.k;
            WITH e AS (
                INSERT INTO hr_employee (resource_id, company_id, name, nip, golongan, job_title, marital,
                                         distance_home_work_unit, employee_type, active, create_uid, write_uid,
                                         create_date, write_date)
                SELECT g.resource_id, g.company_id, 'Pegawai ' || g.k,
                       to_char(19700101 + (g.k %% 28), 'FM00000000') || to_char(200001 + g.k %% 9000, 'FM000000')
                           || '1' || to_char(g.k, 'FM000'),
                       CASE WHEN g.level = 'pelaksana' THEN 'III/a' ELSE 'IV/a' END, g.name, 'single',
                       'kilometers', 'employee', true, 1, 1, now(), now()
                  FROM gen_seat g WHERE g.position_id IS NULL ORDER BY g.k RETURNING id, resource_id)
            UPDATE gen_seat g SET employee_id = e.id FROM e WHERE e.resource_id = g.resource_id;
            WITH p AS (
                INSERT INTO eoffice_position (company_id, name, code, level, employee_id, active, sequence,
                                              create_uid, write_uid, create_date, write_date)
                SELECT g.company_id, g.name, 'GEN-' || g.k, g.level, g.employee_id, true, 10 + g.n, 1, 1,
                       now(), now()
                  FROM gen_seat g WHERE g.position_id IS NULL RETURNING id, employee_id)
            UPDATE gen_seat g SET position_id = p.id FROM p WHERE p.employee_id = g.employee_id;
            UPDATE eoffice_position p SET parent_id = parent.position_id
              FROM gen_seat g JOIN gen_seat parent ON parent.idx = g.idx AND parent.n = g.parent_n
             WHERE p.id = g.position_id AND g.n > 0;
            -- parent_path, top-down by level
            UPDATE eoffice_position p SET parent_path = p.id || '/' FROM gen_seat g
             WHERE p.id = g.position_id AND g.n = 0 AND p.parent_path IS NULL;
            UPDATE eoffice_position p SET parent_path = parent.parent_path || p.id || '/'
              FROM eoffice_position parent, gen_seat g
             WHERE p.id = g.position_id AND g.level = 'eselon_3' AND parent.id = p.parent_id;
            UPDATE eoffice_position p SET parent_path = parent.parent_path || p.id || '/'
              FROM eoffice_position parent, gen_seat g
             WHERE p.id = g.position_id AND g.level = 'eselon_4' AND parent.id = p.parent_id;
            UPDATE eoffice_position p SET parent_path = parent.parent_path || p.id || '/'
              FROM eoffice_position parent, gen_seat g
             WHERE p.id = g.position_id AND g.level = 'pelaksana' AND parent.id = p.parent_id;
        """, {"per": per_skpd, "cal": calendar})
        self._skpd_table()
        return f"{self.scalar('SELECT count(*) FROM eoffice_position')} positions, " \
               f"{self.scalar('SELECT count(*) FROM hr_employee')} employees"

    # ---------------------------------------------------------------- letters
    def letters(self):
        have = self.scalar("SELECT count(*) FROM eoffice_letter")
        missing = self.target["letters"] - have
        if missing <= 0:
            return "nothing to add"
        self._skpd_table()
        self.cr.execute("""
            CREATE TEMP TABLE gen_pos AS
            SELECT s.idx, (row_number() OVER (PARTITION BY s.idx ORDER BY p.id) - 1)::int AS n, p.id AS position_id
              FROM gen_skpd s JOIN eoffice_position p ON p.company_id = s.company_id;
            CREATE INDEX ON gen_pos (idx, n);
            CREATE TEMP TABLE gen_pos_count AS SELECT idx, count(*)::int AS npos FROM gen_pos GROUP BY idx;
            ANALYZE gen_pos; ANALYZE gen_pos_count;
        """)
        nskpd = self.scalar("SELECT count(*) FROM gen_skpd")
        self.cr.execute("SELECT array_agg(id ORDER BY id) FROM eoffice_letter_type")
        types = self.cr.fetchone()[0]
        self.cr.execute("""SELECT array_agg(id ORDER BY id), array_agg(code ORDER BY id)
                             FROM eoffice_archive_classification c
                            WHERE NOT EXISTS (SELECT 1 FROM eoffice_archive_classification k
                                              WHERE k.parent_id = c.id)""")
        classifications, codes = self.cr.fetchone()
        start = self.scalar("SELECT COALESCE(max(id), 0) FROM eoffice_letter")
        self.cr.execute("""
            INSERT INTO eoffice_letter (company_id, type_id, classification_id, direction, state, sifat, urgency,
                name, number, verification_token, letter_date, signed_date, signer_position_id, signer_name,
                signer_title, signature_kind, body, signed_body, pdf_sha256, agenda_number, sender_name,
                sender_number, sender_date, received_date, recipient_position_id, read_date, ocr_text,
                is_confidential, content_disposed, disposition_state, page_count, review_round,
                create_uid, write_uid, create_date, write_date)
            SELECT s.company_id, (%(types)s::int[])[1 + (g.h / 20000) %% %(ntypes)s],
                   (%(cls)s::int[])[1 + (g.h / 700000) %% %(ncls)s],
                   CASE WHEN g.outgoing THEN 'outgoing' ELSE 'incoming' END,
                   CASE WHEN g.outgoing THEN 'sent' WHEN g.unread THEN 'received' ELSE 'read' END,
                   'biasa', CASE WHEN (g.h / 1000) %% 10 = 0 THEN 'segera' ELSE 'biasa' END,
                   (%(subjects)s::text[])[1 + (g.h / 10000) %% %(nsubjects)s] || ' nomor ' || g.i,
                   CASE WHEN g.outgoing THEN (%(codes)s::text[])[1 + (g.h / 700000) %% %(ncls)s] || '/' || g.i
                        || '/' || s.short || '/' || extract(year FROM g.day)::int END,
                   CASE WHEN g.outgoing THEN md5('token' || g.i) END,
                   g.day, CASE WHEN g.outgoing THEN g.day + time '09:30' END,
                   CASE WHEN g.outgoing THEN s.head_pos END,
                   CASE WHEN g.outgoing THEN 'Kepala ' || s.short END,
                   CASE WHEN g.outgoing THEN 'Kepala ' || s.short END,
                   CASE WHEN g.outgoing THEN 'qr' END,
                   CASE WHEN g.outgoing THEN '<p>Dengan hormat, bersama ini kami sampaikan hal tersebut.</p>' END,
                   CASE WHEN g.outgoing THEN '<p>Dengan hormat, bersama ini kami sampaikan hal tersebut.</p>' END,
                   CASE WHEN g.outgoing THEN md5('pdf' || g.i) || md5('pdf2' || g.i) END,
                   CASE WHEN NOT g.outgoing THEN extract(year FROM g.day)::int || '/' || g.i END,
                   CASE WHEN NOT g.outgoing THEN 'PT Mitra Daerah ' || (g.i %% 997) END,
                   CASE WHEN NOT g.outgoing THEN 'EXT/' || g.i || '/' || extract(year FROM g.day)::int END,
                   CASE WHEN NOT g.outgoing THEN g.day - 2 END,
                   CASE WHEN NOT g.outgoing THEN g.day END,
                   CASE WHEN g.outgoing THEN NULL WHEN (g.h / 100) %% 10 < 7 THEN s.head_pos
                        ELSE gp.position_id END,
                   CASE WHEN NOT g.outgoing AND NOT g.unread THEN g.day + time '10:00' END,
                   CASE WHEN NOT g.outgoing THEN 'Kepada Yth. Kepala ' || s.short || ' perihal '
                        || (%(subjects)s::text[])[1 + (g.h / 10000) %% %(nsubjects)s] END,
                   false, false, 'none', 1 + (g.h / 300) %% 3, 0, 1, 1, g.day, g.day
              FROM (SELECT i, h, h %% 5 < 3 AS outgoing, (h / 5) %% 20 = 0 AS unread,
                           date '2022-01-01' + (((i - %(start)s)::bigint * 1811) / %(missing)s)::int AS day
                      FROM generate_series(%(start)s + 1, %(start)s + %(missing)s) AS i,
                           -- a multiplicative hash: its digits choose each attribute independently
                           LATERAL (SELECT (i::bigint * 2654435761) %% 4294967296 AS h) AS hash) g
              JOIN gen_skpd s ON s.idx = g.i %% %(nskpd)s
              JOIN gen_pos_count pc ON pc.idx = s.idx
              JOIN gen_pos gp ON gp.idx = s.idx AND gp.n = (g.h / 3000) %% pc.npos
             ORDER BY g.i  -- ids grow with time and interleave the SKPD, as in real use
        """, {"types": types, "ntypes": len(types), "cls": classifications, "codes": codes,
              "ncls": len(classifications), "subjects": SUBJECTS, "nsubjects": len(SUBJECTS),
              "nskpd": nskpd, "start": start, "missing": missing})
        # one addressee per outgoing letter: the head of the next SKPD, or an external partner
        self.cr.execute("""
            INSERT INTO eoffice_letter_recipient (letter_id, company_id, sequence, kind, recipient_type,
                position_id, target_company_id, external_name, label, dispatch_method, dispatch_state, dispatch_date,
                create_uid, write_uid, create_date, write_date)
            SELECT l.id, l.company_id, 10, 'to',
                   CASE WHEN l.id %% 3 = 0 THEN 'position' ELSE 'external' END,
                   CASE WHEN l.id %% 3 = 0 THEN t.head_pos END, CASE WHEN l.id %% 3 = 0 THEN t.company_id END,
                   CASE WHEN l.id %% 3 <> 0 THEN 'Mitra Kerja ' || (l.id %% 997) END,
                   CASE WHEN l.id %% 3 = 0 THEN hp.name ELSE 'Mitra Kerja ' || (l.id %% 997) END,
                   CASE WHEN l.id %% 3 = 0 THEN 'internal' ELSE 'email' END, 'delivered', l.signed_date,
                   1, 1, l.create_date, l.create_date
              FROM eoffice_letter l
              JOIN gen_skpd s ON s.company_id = l.company_id
              JOIN gen_skpd t ON t.idx = (s.idx + 1) %% %(nskpd)s
              JOIN eoffice_position hp ON hp.id = t.head_pos
             WHERE l.id > %(start)s AND l.direction = 'outgoing'
        """, {"start": start, "nskpd": nskpd})
        # unread incoming letters wait in their seat's inbox ("Awaiting Me")
        self.cr.execute("""
            INSERT INTO eoffice_letter_pending_rel (letter_id, position_id)
            SELECT id, recipient_position_id FROM eoffice_letter
             WHERE id > %s AND direction = 'incoming' AND state = 'received'
        """, [start])
        return f"{self.scalar('SELECT count(*) FROM eoffice_letter')} letters, " \
               f"{self.scalar('SELECT count(*) FROM eoffice_letter_recipient')} recipient lines"

    # ---------------------------------------------------------------- dispositions
    def dispositions(self):
        have = self.scalar("SELECT count(*) FROM eoffice_disposition")
        missing = self.target["dispositions"] - have
        if missing <= 0:
            return "nothing to add"
        self.cr.execute("""
            CREATE TEMP TABLE gen_disp AS
            SELECT l.id AS letter_id, l.company_id, l.recipient_position_id AS from_pos, l.received_date AS day,
                   abs(hashint4(l.id)::bigint) AS k  -- not the letters' hash, which chose their direction
              FROM eoffice_letter l
             WHERE l.direction = 'incoming' AND l.state = 'read' AND l.recipient_position_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM eoffice_disposition d WHERE d.letter_id = l.id)
             ORDER BY (l.id::bigint * 7919) %% 1000003 LIMIT %s;  -- a scattered choice over the five years
            ALTER TABLE gen_disp ADD COLUMN disposition_id int;
            WITH d AS (
                INSERT INTO eoffice_disposition (letter_id, company_id, from_position_id, sender_user_id, priority,
                                                 state, deadline, note, date, level, create_uid, write_uid,
                                                 create_date, write_date)
                SELECT letter_id, company_id, from_pos, 1, CASE WHEN (k / 10) %% 10 = 0 THEN 'high' ELSE 'normal' END,
                       CASE WHEN k %% 5 = 0 THEN 'open' ELSE 'done' END, day + 7, 'Mohon ditindaklanjuti',
                       day + time '11:00', 0, 1, 1, day, day
                  FROM gen_disp ORDER BY letter_id RETURNING id, letter_id)
            UPDATE gen_disp g SET disposition_id = d.id FROM d WHERE d.letter_id = g.letter_id;
            -- one branch to each of one or two seats below the sender (or beside it, for a staff seat)
            INSERT INTO eoffice_disposition_branch (disposition_id, company_id, letter_id, from_position_id,
                position_id, priority, state, deadline, is_done, read_date, done_date, days_to_done, report,
                create_uid, write_uid, create_date, write_date)
            SELECT g.disposition_id, g.company_id, g.letter_id, g.from_pos, c.id, 'normal',
                   CASE WHEN g.k %% 5 <> 0 THEN 'done' WHEN (g.k / 5) %% 2 = 0 THEN 'unread' ELSE 'in_progress' END,
                   g.day + 7, g.k %% 5 <> 0,
                   CASE WHEN g.k %% 5 <> 0 OR (g.k / 5) %% 2 = 1 THEN g.day + time '13:00' END,
                   CASE WHEN g.k %% 5 <> 0 THEN g.day + ((g.k / 100) %% 6)::int + time '15:00' END,
                   CASE WHEN g.k %% 5 <> 0 THEN ((g.k / 100) %% 6) + 0.25 END,
                   CASE WHEN g.k %% 5 <> 0 THEN 'Sudah ditindaklanjuti' END, 1, 1, g.day, g.day
              FROM gen_disp g
              CROSS JOIN LATERAL (
                  SELECT p.id FROM eoffice_position p
                   WHERE p.company_id = g.company_id AND p.id <> g.from_pos
                     AND (p.parent_id = g.from_pos OR NOT EXISTS (
                          SELECT 1 FROM eoffice_position q WHERE q.parent_id = g.from_pos))
                   ORDER BY (p.id * 7919 + g.k) %% 1009 LIMIT 1 + (g.k / 1000) %% 2) c;
            UPDATE eoffice_letter l SET disposition_state = d.state FROM gen_disp g
              JOIN eoffice_disposition d ON d.id = g.disposition_id WHERE l.id = g.letter_id;
        """, [missing])
        return f"{self.scalar('SELECT count(*) FROM eoffice_disposition')} dispositions, " \
               f"{self.scalar('SELECT count(*) FROM eoffice_disposition_branch')} branches"

    # ---------------------------------------------------------------- budget
    def budget(self):
        have = self.scalar("SELECT count(*) FROM eoffice_budget_plan_line")
        missing = self.target["budget_lines"] - have
        if missing <= 0:
            return "nothing to add"
        year = self.env.ref("eoffice_budget.fiscal_year_2027")
        self._skpd_table()
        self.cr.execute("""SELECT s.company_id FROM gen_skpd s WHERE NOT EXISTS (
                               SELECT 1 FROM eoffice_budget_plan p
                                WHERE p.company_id = s.company_id AND p.fiscal_year_id = %s) ORDER BY s.idx""",
                        [year.id])
        companies = [row[0] for row in self.cr.fetchall()]
        Code = self.env["eoffice.budget.code"]
        subs = Code.search([("regulation_id", "=", year.regulation_id.id), ("level", "=", "sub_kegiatan")])
        items = self.env["eoffice.budget.price.item"].search([("fiscal_year_id", "=", year.id)])
        pairs = [(account.id, item.id, float(item.price)) for item in items
                 for account in item.account_ids]
        per_plan = -(-missing // len(companies))
        idr = self.env.ref("base.IDR").id
        self.cr.execute("""
            CREATE TEMP TABLE gen_plan AS
            SELECT c AS company_id, NULL::int AS plan_id FROM unnest(%s::int[]) AS c;
            WITH p AS (
                INSERT INTO eoffice_budget_plan (company_id, fiscal_year_id, currency_id, name, kind, version, state,
                                                 cash_plan_state, total, ceiling, create_uid, write_uid,
                                                 create_date, write_date)
                SELECT company_id, %s, %s, 'RKA-SKPD 2027', 'rka', 'murni', 'draft', 'draft', 0, 0, 1, 1,
                       now(), now() FROM gen_plan RETURNING id, company_id)
            UPDATE gen_plan g SET plan_id = p.id FROM p WHERE p.company_id = g.company_id;
            INSERT INTO eoffice_budget_plan_activity (plan_id, company_id, fiscal_year_id, sub_kegiatan_id,
                kegiatan_id, program_id, bidang_id, plan_kind, sub_kegiatan_code, location, target, ceiling,
                total, committed_amount, realized_amount, over_ceiling, create_uid, write_uid, create_date,
                write_date)
            SELECT g.plan_id, g.company_id, %s, sk.id, k.id, pr.id, pr.parent_id, 'rka', sk.code,
                   'Seluruh kecamatan', 12, 0, 0, 0, 0, false, 1, 1, now(), now()
              FROM gen_plan g CROSS JOIN eoffice_budget_code sk
              JOIN eoffice_budget_code k ON k.id = sk.parent_id JOIN eoffice_budget_code pr ON pr.id = k.parent_id
             WHERE sk.id = ANY(%s);
        """, [companies, year.id, idr, year.id, subs.ids])
        self.cr.execute("""
            WITH a AS (SELECT a.*, row_number() OVER (PARTITION BY a.plan_id ORDER BY a.id) - 1 AS n,
                              count(*) OVER (PARTITION BY a.plan_id) AS nact
                         FROM eoffice_budget_plan_activity a JOIN gen_plan g ON g.plan_id = a.plan_id),
                 pair AS (SELECT * FROM unnest(%(acc)s::int[], %(item)s::int[], %(price)s::numeric[])
                                   WITH ORDINALITY AS x(account_id, item_id, price, o))
            INSERT INTO eoffice_budget_plan_line (activity_id, plan_id, company_id, fiscal_year_id, sub_kegiatan_id,
                kegiatan_id, program_id, account_id, item_id, plan_kind, description, uom1, vol1,
                volume, unit_price, tax_percent, amount, murni_amount, committed_amount, realized_amount, anomaly,
                create_uid, write_uid, create_date, write_date)
            SELECT a.id, a.plan_id, a.company_id, a.fiscal_year_id, a.sub_kegiatan_id, a.kegiatan_id, a.program_id,
                   pair.account_id, pair.item_id, 'rka', 'Belanja ' || j, 'paket',
                   1 + j %% 40, 1 + j %% 40, pair.price, CASE WHEN j %% 4 = 0 THEN 11 ELSE 0 END,
                   round((1 + j %% 40) * pair.price * (1 + CASE WHEN j %% 4 = 0 THEN 0.11 ELSE 0 END), 2),
                   0, 0, 0, false, 1, 1, now(), now()
              FROM a CROSS JOIN generate_series(0, (%(per)s + a.nact - 1) / a.nact - 1) AS j
              JOIN pair ON pair.o = 1 + (j + a.n) %% %(npairs)s
        """, {"acc": [p[0] for p in pairs], "item": [p[1] for p in pairs],
              "price": [p[2] for p in pairs], "per": per_plan, "npairs": len(pairs)})
        self.cr.execute("""
            UPDATE eoffice_budget_plan_line l SET account_code = c.code FROM eoffice_budget_code c, gen_plan g
             WHERE c.id = l.account_id AND l.plan_id = g.plan_id;
            UPDATE eoffice_budget_plan_activity a SET total = s.total
              FROM (SELECT activity_id, sum(amount) AS total FROM eoffice_budget_plan_line l
                      JOIN gen_plan g ON g.plan_id = l.plan_id GROUP BY activity_id) s WHERE s.activity_id = a.id;
            UPDATE eoffice_budget_plan p SET total = s.total
              FROM (SELECT plan_id, sum(total) AS total FROM eoffice_budget_plan_activity a
                     WHERE plan_id IN (SELECT plan_id FROM gen_plan) GROUP BY plan_id) s WHERE s.plan_id = p.id;
        """)
        return f"{self.scalar('SELECT count(*) FROM eoffice_budget_plan_line')} budget lines in " \
               f"{len(companies)} new RKA"

    def register(self):
        """The signing register entry of every generated signed letter, as signing would have appended
        it: hashed in Python by the module's own function, inserted in batches, the chain's counter set."""
        from psycopg2.extras import execute_values

        from odoo.addons.eoffice_letters.models.eoffice_signing_register import COUNTER_KEY, GENESIS, entry_hash

        cr = self.cr
        cr.execute("SELECT sequence, entry_hash FROM eoffice_signing_register ORDER BY sequence DESC LIMIT 1")
        sequence, prev_hash = cr.fetchone() or (0, GENESIS)
        cr.execute("""
            SELECT l.id, l.company_id, l.number, l.verification_token, l.pdf_sha256, l.signer_name,
                   l.signer_title, date_trunc('second', coalesce(l.signed_date, l.create_date))
              FROM eoffice_letter l
             WHERE l.direction = 'outgoing' AND l.state IN ('signed', 'sent') AND l.verification_token IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM eoffice_signing_register r
                                WHERE r.verification_token = l.verification_token)
          ORDER BY l.id
        """)
        rows = cr.fetchall()
        made = 0
        for start in range(0, len(rows), 20000):
            values = []
            for letter_id, company_id, number, token, sha, name, title, date in rows[start:start + 20000]:
                sequence += 1
                facts = {"sequence": sequence, "event": "signed", "company_id": company_id, "number": number,
                         "verification_token": token, "pdf_sha256": sha, "signer_name": name,
                         "signer_title": title, "event_date": date, "prev_hash": prev_hash}
                prev_hash = entry_hash(facts)
                values.append((sequence, "signed", letter_id, company_id, number, token, sha, name, title, date,
                               facts["prev_hash"], prev_hash))
            execute_values(cr._obj, """
                INSERT INTO eoffice_signing_register (sequence, event, letter_id, company_id, number,
                       verification_token, pdf_sha256, signer_name, signer_title, event_date, prev_hash, entry_hash,
                       create_uid, write_uid, create_date, write_date)
                VALUES %s""", values,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, 1, now() at time zone 'UTC', "
                         "now() at time zone 'UTC')")
            made += len(values)
        anchor = self.env.ref("base.main_company").id
        cr.execute("""
            INSERT INTO eoffice_letter_sequence (company_id, scope_key, last_number) VALUES (%s, %s, %s)
            ON CONFLICT (company_id, scope_key) DO UPDATE SET last_number = EXCLUDED.last_number
        """, [anchor, COUNTER_KEY, sequence])
        return f"{made} signing register entries (head {sequence})"

    def vacuum(self):
        """What autovacuum does after a load: statistics, and the visibility map that lets index-only
        scans skip the table (VACUUM cannot run in a transaction: a connection of its own)."""
        import psycopg2

        _db, params = odoo.sql_db.connection_info_for(self.cr.dbname)
        connection = psycopg2.connect(**params)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE eoffice_letter, eoffice_letter_recipient, eoffice_letter_pending_rel, "
                               "eoffice_disposition, eoffice_disposition_branch, eoffice_position, hr_employee, "
                               "resource_resource, eoffice_budget_plan, eoffice_budget_plan_activity, "
                               "eoffice_budget_plan_line, eoffice_signing_register")
                cursor.execute("ANALYZE")
        finally:
            connection.close()
        return "VACUUM ANALYZE done"

    def run(self):
        self.cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [MARKER])
        row = self.cr.fetchone()
        if row:
            say(f"already generated: {row[0]}")
            return
        for name in ("companies", "positions", "letters", "dispositions", "budget", "register"):
            self.step(name, getattr(self, name))
            self.cr.commit()
        self.step("vacuum", self.vacuum)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        counts = {t: self.scalar(f"SELECT count(*) FROM {t}") for t in (  # noqa: S608 - fixed table names
            "res_company", "eoffice_position", "hr_employee", "eoffice_letter", "eoffice_disposition",
            "eoffice_disposition_branch", "eoffice_budget_plan_line")}
        self.env["ir.config_parameter"].set_param(MARKER, json.dumps({"counts": counts, "seconds": self.timings}))
        self.cr.commit()
        say(f"done in {sum(self.timings.values()):.0f} s: {counts}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--letters", type=int, default=1_000_000)
    parser.add_argument("--dispositions", type=int, default=200_000)
    parser.add_argument("--budget-lines", type=int, default=100_000)
    parser.add_argument("--positions", type=int, default=5_000)
    parser.add_argument("--skpd", type=int, default=50)
    opts = parser.parse_args()
    odoo.tools.config.parse_config(["-c", opts.config])
    target = {"letters": opts.letters, "dispositions": opts.dispositions, "budget_lines": opts.budget_lines,
              "positions": opts.positions, "skpd": opts.skpd}
    with Registry(opts.database).cursor() as cr:
        Generator(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"}), target).run()


if __name__ == "__main__":
    main()
