"""Discovery: manifests describe challenges; the mirror trees must agree with them."""

import pytest

from grader.catalog import CatalogError, check_catalog, load_catalog


def test_every_challenge_has_three_mirrored_folders(kit_catalog):
    assert len(kit_catalog.ids) >= 1
    assert check_catalog(kit_catalog) == []


def test_toy_manifest_is_read(toy_kit):
    c = load_catalog(toy_kit).challenges["toy"]
    assert c.files == ("toy.py",) and c.modules == ("toy",) and c.timeout_per_test == 5


def test_missing_keys_and_bad_toml_are_clear_errors(toy_kit):
    manifest = toy_kit / "grader" / "hidden" / "toy" / "manifest.toml"
    manifest.write_text('title = "x"\n')
    with pytest.raises(CatalogError, match="missing key"):
        load_catalog(toy_kit)
    manifest.write_text("title = \n")
    with pytest.raises(CatalogError, match="cannot read manifest"):
        load_catalog(toy_kit)


def test_check_catalog_reports_missing_mirror_files(toy_kit):
    (toy_kit / "solutions" / "toy" / "toy.py").unlink()
    assert check_catalog(load_catalog(toy_kit)) == ["toy: solutions/toy/toy.py is missing"]


def test_unknown_ids_are_named(toy_kit):
    with pytest.raises(CatalogError, match="unknown challenge zzz"):
        load_catalog(toy_kit).select(["zzz"])
