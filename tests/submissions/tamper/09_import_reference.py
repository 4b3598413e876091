"""Attack 9: import the reference solution from the kit's solutions/ folder."""
import importlib.util

_spec = importlib.util.spec_from_file_location("_ref", "{KIT}/solutions/toy/toy.py")
_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ref)
mean_of, auc, double_frame, label = _ref.mean_of, _ref.auc, _ref.double_frame, _ref.label
