from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from ..models.hr_employee import parse_nip


@tagged("post_install", "-at_install")
class TestNip(TransactionCase):
    def test_valid_nip_decodes_birth_appointment_and_sex(self):
        birth, appointment, gender = parse_nip(self.env, "198503152010012003")
        self.assertEqual(str(birth), "1985-03-15")
        self.assertEqual(str(appointment), "2010-01-01")
        self.assertEqual(gender, "female")

    def test_each_kind_of_mistake_has_its_own_message(self):
        cases = {
            "19850315201001200A": "digits only",
            "1985031520100120031": "18 digits",
            "198502302010012003": "birth date",
            "198503152010132003": "appointment year and month",
            "198503152000012003": "at least 18 years",
            "198503152010013003": "digit 15",
            "198503152010011000": "000",
        }
        for nip, fragment in cases.items():
            with self.subTest(nip=nip), self.assertRaisesRegex(ValidationError, fragment):
                parse_nip(self.env, nip)

    def test_employee_constraint_and_uniqueness(self):
        Employee = self.env["hr.employee"]
        with self.assertRaises(ValidationError):
            Employee.create({"name": "Salah", "nip": "12345"})
        Employee.create({"name": "Benar", "nip": "199001012015031001"})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Employee.create({"name": "Kembar", "nip": "199001012015031001"})

    def test_onchange_fills_birthday_and_gender(self):
        form = Form(self.env["hr.employee"])
        form.name = "Siti"
        form.nip = "199204172019032005"
        self.assertEqual(str(form.birthday), "1992-04-17")
        self.assertEqual(form.gender, "female")
