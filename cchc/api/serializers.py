from rest_framework import serializers

from cchc.org.models import Unit, User


class UnitSerializer(serializers.ModelSerializer[Unit]):
    parent_code = serializers.CharField(source="parent.code", default=None, read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "parent_code", "valid_from", "valid_to"]


class PersonSerializer(serializers.ModelSerializer[User]):
    unit_code = serializers.CharField(source="unit.code", default=None, read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "unit", "unit_code", "position", "is_active", "roles"]

    def get_roles(self, person: User) -> list[str]:
        return [assignment.role for assignment in person.role_assignments.all()]
