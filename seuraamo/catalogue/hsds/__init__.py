"""The catalogue in Open Referral HSDS 3.0: the export (`/api/hsds/`, `seuraamo export_hsds`) and the
import (`seuraamo import_hsds`)."""
