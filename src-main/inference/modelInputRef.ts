/**
 * What of a study goes into the model, named by stored file and position: chosen in the main process from
 * the store (cheap metadata), loaded and decoded in the inference process (untrusted bytes).
 * `ref` names the source so a box the model draws lands on the right image: `<SOP Instance UID>#<frame>`,
 * `image:<id>`, `volume:<id>#<slice>`.
 */
export type ModelInputRef =
  | { kind: 'dicom'; path: string; frame: number; ref: string; modality: string }
  | { kind: 'photo'; path: string; ref: string }
  | { kind: 'nifti'; path: string; slice: number; ref: string }
  | { kind: 'ecg'; path: string; format: 'dicom' | 'wfdb' | 'hl7-aecg' | 'philips-xml' | 'scp'; ref: string };
