"""Guard: the fields the e-Office modules add to core models keep the core models' access design.

Generated from the registry: a field an ``eoffice_*`` module adds to a model of another module
(``hr.employee``, ``res.users``, ``res.company``, ``hr.department``, ...) is found without a list, so
a new one that breaks the design fails here and names itself.

* ``hr.employee``: a user without read access on ``hr.employee`` (every internal user but HR officers
  and SKPD administrators) reads employees through ``hr.employee.public`` (Odoo's ``fetch`` override
  refuses any field that is not there). So every field we add has a twin on ``hr.employee.public``
  with the same type and the same groups, or carries groups that all read ``hr.employee`` itself.
* A field towards one of our models carries the groups that may read that model, when not every
  internal user may: reading an x2many searches the comodel with the reader's rights, so without
  the groups a plain internal user or an HR officer could not read the core record at all.
* ``res.users``: Odoo lets users read (``SELF_READABLE_FIELDS``) and write (``SELF_WRITEABLE_FIELDS``)
  some fields of their own user record as superuser. Each field we add has a decision in
  ``RES_USERS_SELF``; a new field without one fails, and so does a decision the code does not follow.
* Behaviour: every profile (a plain internal user, an HR officer, a portal user, a user of each
  e-Office role) reads every field of every record it may read of each core model we extend, as
  Odoo's ``hr`` test ``TestSelfAccessProfile.test_employee_fields_groups`` does for employees.
"""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

EOFFICE_PREFIX = "eoffice_"

# Fields added to res.users -> (in SELF_READABLE_FIELDS, in SELF_WRITEABLE_FIELDS), with the reason.
RES_USERS_SELF = {
    # Computed, read by the access machinery through env.user (superuser); no view or client code reads
    # them. Seats: only the readers of positions (groups), so no self-read as superuser for the others.
    "eoffice_position_ids": (False, False),
    # Company ids, no groups: readable on any user like company_ids; nothing to gain from a self-read.
    "eoffice_work_company_ids": (False, False),
}

# Who reads the core records, besides one user per e-Office group.
PROFILES = {
    "plain_internal": "base.group_user",
    "hr_officer": "base.group_user,hr.group_hr_user",
    "portal": "base.group_portal",
}


def added_fields(env):
    """{model: [field]} of the fields that only e-Office modules define on models of other modules."""
    ours = {}
    IrField = env["ir.model.fields"].sudo()
    for name, model in env.registry.items():
        if model._abstract or model._transient or model._original_module.startswith(EOFFICE_PREFIX):
            continue
        for field in model._fields.values():
            # _module is the last module that defines the field; ir.model.fields lists them all
            if not (field._module or "").startswith(EOFFICE_PREFIX):
                continue
            modules = [m.strip() for m in (IrField._get(name, field.name).modules or "").split(",")]
            if all(m.startswith(EOFFICE_PREFIX) for m in modules if m):
                ours.setdefault(name, []).append(field)
    return ours


@tagged("post_install", "-at_install")
class TestCoreFields(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.added = added_fields(cls.env)

    def setUp(self):
        super().setUp()
        self._group_users = {}  # per test: the users are rolled back with it

    def _groups_read(self, groups, model):
        """Whether every group of the comma-separated xml ids ``groups`` reads ``model`` by its ACLs."""
        for xmlid in groups.split(","):
            xmlid = xmlid.strip()
            if xmlid not in self._group_users:
                self._group_users[xmlid] = new_test_user(
                    self.env, login=f"core_fields_{len(self._group_users)}", groups=f"base.group_user,{xmlid}")
            if not self.env[model].with_user(self._group_users[xmlid]).has_access("read"):
                return False
        return True

    def test_fields_found(self):
        """The generator sees what it must (it can fail): our hr.employee and res.users fields."""
        self.assertIn("nip", [f.name for f in self.added.get("hr.employee", [])])
        self.assertIn("eoffice_position_ids", [f.name for f in self.added.get("res.users", [])])
        self.assertNotIn("name", [f.name for f in self.added.get("hr.employee", [])])

    def test_employee_fields_public_or_restricted(self):
        public = self.env["hr.employee.public"]._fields
        bad = []
        for field in self.added.get("hr.employee", []):
            twin = public.get(field.name)
            if twin is not None:
                if twin.type != field.type or (twin.groups or "") != (field.groups or ""):
                    bad.append(f"{field.name}: its hr.employee.public twin differs (type {twin.type} vs "
                               f"{field.type}, groups {twin.groups!r} vs {field.groups!r})")
            elif not field.groups or not self._groups_read(field.groups, "hr.employee"):
                bad.append(f"{field.name}: no twin on hr.employee.public and groups {field.groups!r} do not all "
                           "read hr.employee")
        self.assertFalse(bad, "Fields added to hr.employee break Odoo's public profile:\n" + "\n".join(bad))

    def test_relations_to_restricted_models_carry_groups(self):
        """A field towards a model a plain internal user cannot read carries groups that can read it."""
        plain = new_test_user(self.env, login="core_fields_plain", groups="base.group_user")
        bad = []
        for model, fields_ in self.added.items():
            for field in fields_:
                if field.type not in ("one2many", "many2many") or field.comodel_name not in self.env:
                    continue
                if self.env[field.comodel_name].with_user(plain).has_access("read"):
                    continue
                if not field.groups or not self._groups_read(field.groups, field.comodel_name):
                    bad.append(f"{model}.{field.name} -> {field.comodel_name}: groups {field.groups!r}")
        self.assertFalse(bad, "Fields towards models not every internal user reads, without their readers' "
                              "groups:\n" + "\n".join(bad))

    def test_res_users_self_access_decided(self):
        Users = self.env["res.users"]
        added = {f.name for f in self.added.get("res.users", [])}
        self.assertEqual(added, set(RES_USERS_SELF),
                         "Every field added to res.users needs a decision in RES_USERS_SELF (and no stale one)")
        for name, (readable, writeable) in RES_USERS_SELF.items():
            self.assertEqual(name in Users.SELF_READABLE_FIELDS, readable, f"{name} in SELF_READABLE_FIELDS")
            self.assertEqual(name in Users.SELF_WRITEABLE_FIELDS, writeable, f"{name} in SELF_WRITEABLE_FIELDS")

    def test_every_profile_reads_core_records(self):
        """As each profile, search every core model we extend and read the fields we add to it (every
        field of hr.employee, as Odoo's hr test does: its other core models are not all readable
        whole by every user in Odoo itself, e.g. hr.department's jobs for a plain internal user)."""
        profiles = dict(PROFILES)
        for group in self.env["res.groups"].search([]):
            xmlid = group.get_external_id()[group.id]
            if xmlid.startswith(EOFFICE_PREFIX):
                profiles[xmlid] = f"base.group_user,{xmlid}"
        self.assertIn("eoffice_skpd.group_staff", profiles)
        self.assertIn("hr.employee", self.added)
        failures, read = [], 0
        for name, groups in profiles.items():
            user = new_test_user(self.env, login=f"core_read_{name}", groups=groups)
            for model, fields_ in sorted(self.added.items()):
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue
                readable = Model.fields_get(attributes=["type"])  # without the fields the user's groups hide
                names = [] if model == "hr.employee" else [f.name for f in fields_ if f.name in readable]
                if model != "hr.employee" and not names:
                    continue
                try:
                    records = Model.search([])
                    records.read(names)
                    read += len(records)
                except Exception as exc:  # noqa: BLE001 - every failure is reported with its profile
                    failures.append(f"{name} reading {model} {names or 'every field'}: {type(exc).__name__}: "
                                    f"{str(exc).splitlines()[0]}")
        self.assertFalse(failures, "Core records our fields make unreadable:\n" + "\n".join(failures))
        self.assertTrue(read, "no profile read any record: the test would prove nothing")

    def test_plain_user_reads_employees(self):
        """Issue #22: hr.employee reads as an ordinary internal user work with the modules installed
        (Odoo's TestSelfAccessProfile.test_employee_fields_groups), and colleagues with an e-Office
        role read the seats through the public profile."""
        holder = self.env["eoffice.position"].search([("employee_id", "!=", False)], limit=1)
        self.assertTrue(holder, "demo data has seats held by employees")
        plain = new_test_user(self.env, login="core_fields_mireille", groups="base.group_user",
                              company_id=holder.company_id.id, company_ids=holder.company_id.ids)
        employees = self.env["hr.employee"].with_user(plain).search([])
        self.assertIn(holder.employee_id.id, employees.ids)
        # Odoo's check: no error (Odoo itself returns no rows here, its public images being missing)
        employees.read([])
        values = employees.read(["name", "nip", "golongan"])
        self.assertEqual(len(values), len(employees))
        self.assertNotIn("position_ids", employees.check_field_access_rights("read", None))
        with self.assertRaises(AccessError):
            employees.read(["position_ids"])
        staff = new_test_user(self.env, login="core_fields_staff", groups="base.group_user,eoffice_skpd.group_staff",
                              company_id=holder.company_id.id, company_ids=holder.company_id.ids)
        employee = self.env["hr.employee"].with_user(staff).browse(holder.employee_id.id)
        self.assertFalse(employee.has_access("read"), "a staff member reads employees through the public profile")
        values = employee.read(["nip", "position_ids", "acting_ids"])
        self.assertIn(holder.id, values[0]["position_ids"])
