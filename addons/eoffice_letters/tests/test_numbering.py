import datetime
import threading
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import EofficeLettersCase, purge_committed_letters


@tagged("post_install", "-at_install")
class TestNumbering(EofficeLettersCase):
    def test_default_pattern(self):
        letter = self.sign(self.make_letter())
        year = letter.letter_date.year
        self.assertEqual(letter.number, f"000.98/1/UJI-A/{year}")
        self.assertEqual(letter.state, "signed")

    def test_pattern_per_type_with_padding_and_roman_month(self):
        self.letter_type.number_pattern = "{type}-{seq:04d}/{classification}/{skpd}/{month_roman}/{year}"
        letter = self.sign(self.make_letter())
        date = letter.letter_date
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][date.month - 1]
        self.assertEqual(letter.number, f"SD-0001/000.98/UJI-A/{roman}/{date.year}")

    def test_unit_code_of_the_department(self):
        unit = self.env["hr.department"].create({"name": "Bidang Uji", "company_id": self.skpd_a.id,
                                                 "unit_code": "107.1"})
        letter = self.sign(self.make_letter(department_id=unit.id))
        self.assertEqual(letter.number, f"000.98/1/107.1/{letter.letter_date.year}")

    def test_pemda_pattern_is_the_default(self):
        self.pemda.letter_number_pattern = "{classification}/{seq}/{year}"
        letter = self.sign(self.make_letter())
        self.assertEqual(letter.number, f"000.98/1/{letter.letter_date.year}")

    def test_bad_patterns_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "no {seq}"):
            self.letter_type.number_pattern = "{classification}/{year}"
        with self.assertRaisesRegex(ValidationError, "unknown token"):
            self.letter_type.number_pattern = "{classification}/{seq}/{kode}"
        with self.assertRaisesRegex(ValidationError, "malformed"):
            self.pemda.letter_number_pattern = "{classification}/{seq/{year}"

    def _seq_of(self, letter):
        return int(letter.number.split("/")[1])

    def test_scope_per_skpd_and_year(self):
        other = self.classification.copy({"code": "000.97"})
        first = self.sign(self.make_letter())
        second = self.sign(self.make_letter(classification_id=other.id))
        self.assertEqual((self._seq_of(first), self._seq_of(second)), (1, 2))
        # SKPD B counts on its own
        letter_b = self.make_letter(user=self.head_b_user, signer_position_id=self.head_b.id,
                                    to_recipient_ids=[(0, 0, {"recipient_type": "position",
                                                              "position_id": self.head_a.id})])
        self.sign(letter_b, signer=self.head_b_user)
        self.assertEqual(self._seq_of(letter_b), 1)

    def test_scope_needs_its_token_in_the_pattern(self):
        self.letter_type.sequence_scope = "type"  # the pattern has no {type}: SD and ND numbers would clash
        letter = self.make_letter()
        self.as_user(self.users_a["staff"], letter).action_submit()
        self.as_user(self.kabid_user, letter).action_approve()
        with self.assertRaisesRegex(UserError, "letter type"):
            self.as_user(self.users_a["official"], letter).action_sign()
        self.assertFalse(letter.number)

    def test_scope_per_classification(self):
        self.pemda.letter_sequence_scope = "classification"
        other = self.classification.copy({"code": "000.97"})
        numbers = [self._seq_of(self.sign(self.make_letter(classification_id=c.id)))
                   for c in (self.classification, other, self.classification)]
        self.assertEqual(numbers, [1, 1, 2])

    def test_scope_per_type(self):
        self.pemda.letter_number_pattern = "{classification}/{seq}/{type}/{year}"
        self.letter_type.sequence_scope = "type"
        nota = self.env.ref("eoffice_letters.letter_type_nd")
        numbers = [self._seq_of(self.sign(self.make_letter(type_id=t.id)))
                   for t in (self.letter_type, nota, self.letter_type)]
        self.assertEqual(numbers, [1, 1, 2])

    def test_year_rollover(self):
        letter = self.make_letter()
        dec = letter._assign_number(datetime.date(2031, 12, 31))
        dec2 = letter._assign_number(datetime.date(2031, 12, 31))
        jan = letter._assign_number(datetime.date(2032, 1, 1))
        self.assertEqual((dec, dec2, jan), ("000.98/1/UJI-A/2031", "000.98/2/UJI-A/2031", "000.98/1/UJI-A/2032"))

    def test_failed_signature_does_not_consume_a_number(self):
        letter = self.make_letter()
        self.as_user(letter.create_uid, letter).action_submit()
        self.as_user(self.kabid_user, letter).action_approve()
        with patch.object(type(letter), "_render_pdf", side_effect=UserError("wkhtmltopdf is broken")):
            with self.assertRaises(UserError):
                self.as_user(self.users_a["official"], letter).action_sign()
        self.assertFalse(letter.number)
        self.assertEqual(letter.state, "to_sign")
        self.as_user(self.users_a["official"], letter).action_sign()
        self.assertEqual(self._seq_of(letter), 1)

    def test_numbers_are_unique_in_the_database(self):
        first = self.sign(self.make_letter())
        second = self.make_letter()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            second.sudo().write({"number": first.number})
            second.flush_recordset()


@tagged("post_install", "-at_install")
class TestConcurrentSigning(TransactionCase):
    """Officials sign at the same moment, each in their own database connection.

    Not an EofficeLettersCase: its fixtures are written in the test transaction, whose row locks
    would block the connections that must commit this test's data.
    """

    def _commit_fixture(self, registry, count):
        """Commit an SKPD with `count` signers and a letter to sign for each; returns their ids."""
        with registry.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            # companies cannot be deleted cleanly: an earlier run's is reused
            skpd = env["res.company"].search([("name", "=", "Dinas Uji Serentak")]) or env["res.company"].create({
                "name": "Dinas Uji Serentak", "is_skpd": True, "parent_id": env.ref("base.main_company").id,
                "skpd_short_code": "SERENTAK"})
            Classification = env["eoffice.archive.classification"]
            classification = Classification.search([("code", "=", "000.96")]) or Classification.create({
                "code": "000.96", "name": "Uji Serentak",
                "parent_id": env.ref("eoffice_letters.archive_classification_000").id})
            self._purge(env, skpd.id)  # leftovers of an interrupted run
            users, letters = [], []
            for i in range(count):
                user = env["res.users"].create({
                    "name": f"Pejabat Serentak {i}", "login": f"t_serentak_{i}", "company_id": skpd.id,
                    "company_ids": [(6, 0, skpd.ids)],
                    "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                          env.ref("eoffice_skpd.group_official").id])]})
                employee = env["hr.employee"].create({"name": user.name, "company_id": skpd.id, "user_id": user.id})
                seat = env["eoffice.position"].create({"name": f"Kepala Serentak {i}", "company_id": skpd.id,
                                                       "level": "eselon_2", "employee_id": employee.id})
                letter = env["eoffice.letter"].with_company(skpd).create({
                    "name": f"Surat serentak {i}", "company_id": skpd.id,
                    "type_id": env.ref("eoffice_letters.letter_type_sd").id,
                    "classification_id": classification.id, "signer_position_id": seat.id,
                    "body": "<p>Isi</p>", "state": "to_sign", "review_ids": [],
                    "to_recipient_ids": [(0, 0, {"recipient_type": "external", "external_name": "Mitra"})]})
                users.append(user.id)
                letters.append(letter.id)
            cr.commit()
        return skpd.id, users, letters

    def test_letter_being_signed_elsewhere_is_refused_cleanly(self):
        """A second signature of a letter whose row another transaction holds is refused at once,
        with a message, without a logged SQL error, and leaves this transaction usable."""
        registry = Registry(self.env.cr.dbname)
        skpd_id, users, letters = self._commit_fixture(registry, 1)
        try:
            with registry.cursor() as holder:
                holder.execute("SELECT id FROM eoffice_letter WHERE id = %s FOR UPDATE", letters)
                with registry.cursor() as cr:
                    env = api.Environment(cr, users[0], {"lang": "en_US"})
                    letter = env["eoffice.letter"].browse(letters[0])
                    with self.assertRaisesRegex(UserError, "Someone else is signing"):
                        letter.action_sign()
                    cr.execute("SELECT state, number FROM eoffice_letter WHERE id = %s", letters)
                    self.assertEqual(cr.fetchone(), ("to_sign", None))
                    cr.execute("SELECT count(*) FROM eoffice_letter_sequence WHERE company_id = %s", [skpd_id])
                    self.assertEqual(cr.fetchone()[0], 0, "no number may be drawn for a refused signature")
        finally:
            with registry.cursor() as cr:
                self._purge(api.Environment(cr, api.SUPERUSER_ID, {}), skpd_id)
                cr.commit()

    def test_signatures_at_once_get_consecutive_numbers(self):
        """Six officials sign at the same moment: six consecutive numbers, none lost, none twice."""
        count = 6
        registry = Registry(self.env.cr.dbname)
        # the letters must be committed to be seen by the other connections
        skpd_id, users, letters = self._commit_fixture(registry, count)
        try:
            barrier = threading.Barrier(count)
            results, errors = {}, []

            def sign(index):
                try:
                    with registry.cursor() as cr:
                        # the test runner may hold the registry lock: hand the registry over directly
                        cr.transaction = api.Transaction(registry)
                        env = api.Environment(cr, users[index], {})
                        letter = env["eoffice.letter"].browse(letters[index])
                        barrier.wait(timeout=30)
                        retrying(letter.action_sign, env)
                        results[index] = letter.number
                except Exception as err:  # noqa: BLE001 - reported by the assertion below
                    errors.append(repr(err))

            with mute_logger("odoo.service.model"):
                threads = [threading.Thread(target=sign, args=(i,)) for i in range(count)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            self.assertFalse(errors)
            year = datetime.date.today().year
            self.assertEqual(sorted(results.values(), key=lambda number: int(number.split("/")[1])),
                             [f"000.96/{n}/SERENTAK/{year}" for n in range(1, count + 1)])
            with registry.cursor() as cr:
                cr.execute("SELECT last_number FROM eoffice_letter_sequence WHERE company_id = %s", [skpd_id])
                self.assertEqual(cr.fetchall(), [(count,)], "the counter ends at the last number given")
        finally:
            # remove what this test committed, so that later tests see the database as it was
            with registry.cursor() as cr:
                self._purge(api.Environment(cr, api.SUPERUSER_ID, {}), skpd_id)
                cr.commit()

    @staticmethod
    def _purge(env, company_id):
        purge_committed_letters(env, company_id)
        env["eoffice.position"].search([("company_id", "=", company_id)]).unlink()
        env["hr.employee"].search([("company_id", "=", company_id)]).unlink()
        env["res.users"].search([("login", "=like", "t_serentak_%")]).unlink()
