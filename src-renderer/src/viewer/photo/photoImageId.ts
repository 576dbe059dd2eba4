// Image ids of stored photos: `qoqphoto:<origin>/files/images/<id>`, the scheme photoImageLoader serves.

export const PHOTO_SCHEME = 'qoqphoto';

/** The image id of a stored photo (ImageRecord id) on the page's origin. */
export function photoImageId(imageRecordId: number, origin: string): string {
  return `${PHOTO_SCHEME}:${origin}/files/images/${imageRecordId}`;
}
