from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# the test SKPD are live with every feature (each module gates its records on its switch)
LIVE = {"eoffice_letters_live": True, "eoffice_disposition_live": True, "eoffice_budget_live": True}


class EofficeSkpdCase(TransactionCase):
    """Two SKPD with a user per role, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pemda = cls.env.ref("base.main_company")
        Company = cls.env["res.company"]
        cls.skpd_a = Company.create({"name": "Dinas Uji A", "is_skpd": True, "parent_id": cls.pemda.id,
                                     "skpd_code": "9.99.0.00.0.00.01.0000", "skpd_short_code": "UJI-A",
                                     "skpd_type": "dinas", **LIVE})
        cls.skpd_b = Company.create({"name": "Dinas Uji B", "is_skpd": True, "parent_id": cls.pemda.id,
                                     "skpd_code": "9.99.0.00.0.00.02.0000", "skpd_short_code": "UJI-B",
                                     "skpd_type": "dinas", **LIVE})
        everything = cls.pemda | cls.skpd_a | cls.skpd_b

        def user(login, group, company, companies=None):
            return new_test_user(cls.env, login=login, groups=f"base.group_user,{group}",
                                 company_id=company.id, company_ids=[(6, 0, (companies or company).ids)])

        cls.users_a = {
            "staff": user("t_staff_a", "eoffice_skpd.group_staff", cls.skpd_a),
            "agendaris": user("t_tu_a", "eoffice_skpd.group_agendaris", cls.skpd_a),
            "official": user("t_official_a", "eoffice_skpd.group_official", cls.skpd_a),
            "skpd_admin": user("t_admin_a", "eoffice_skpd.group_skpd_admin", cls.skpd_a),
        }
        cls.executive = user("t_exec", "eoffice_skpd.group_executive", cls.pemda, everything)
        cls.auditor = user("t_auditor", "eoffice_skpd.group_auditor", cls.skpd_a, everything)
        cls.admin_b = user("t_admin_b", "eoffice_skpd.group_skpd_admin", cls.skpd_b)
        Employee = cls.env["hr.employee"]
        cls.emp_a = Employee.create({"name": "Pegawai A", "company_id": cls.skpd_a.id,
                                     "user_id": cls.users_a["official"].id, "nip": "198001012005011001"})
        cls.emp_plt = Employee.create({"name": "Pegawai Plt", "company_id": cls.skpd_a.id,
                                       "user_id": cls.users_a["staff"].id, "nip": "198502022010012002"})
        Position = cls.env["eoffice.position"]
        cls.head_a = Position.create({"name": "Kepala Dinas Uji A", "company_id": cls.skpd_a.id,
                                      "level": "eselon_2", "employee_id": cls.emp_a.id})
        cls.kabid_a = Position.create({"name": "Kepala Bidang Uji A", "company_id": cls.skpd_a.id,
                                       "level": "eselon_3", "parent_id": cls.head_a.id})
        cls.head_b = Position.create({"name": "Kepala Dinas Uji B", "company_id": cls.skpd_b.id,
                                      "level": "eselon_2"})
