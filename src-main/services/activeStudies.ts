/** Studies with an analysis running now (a study may have several jobs at once, hence the counts). */
export class ActiveStudies {
  private readonly counts = new Map<number, number>();

  begin(studyId: number): void {
    this.counts.set(studyId, (this.counts.get(studyId) ?? 0) + 1);
  }

  end(studyId: number): void {
    const n = (this.counts.get(studyId) ?? 0) - 1;
    if (n > 0) this.counts.set(studyId, n);
    else this.counts.delete(studyId);
  }

  has(studyId: number): boolean {
    return this.counts.has(studyId);
  }
}
