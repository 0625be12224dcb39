from django.db import migrations

THEMEN = [
    "Sport", "Kultur", "Natur und Garten", "Soziales", "Kinder und Jugend", "Senioren",
    "Heimat und Geschichte", "Feuerwehr und Rettung", "Kirche", "Bildung", "Wirtschaft",
    "Gesundheit", "Musik", "Umwelt",
]


def themen_anlegen(apps, schema_editor):
    from django.utils.text import slugify

    Thema = apps.get_model("vereine", "Thema")
    for i, name in enumerate(THEMEN):
        Thema.objects.get_or_create(slug=slugify(name), defaults={"name": name, "reihenfolge": i})


class Migration(migrations.Migration):
    dependencies = [("vereine", "0001_initial")]

    operations = [migrations.RunPython(themen_anlegen, migrations.RunPython.noop)]
