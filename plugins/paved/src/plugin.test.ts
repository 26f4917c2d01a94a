import { pavedPlugin } from './plugin';

describe('paved', () => {
  it('should export plugin', () => {
    expect(pavedPlugin).toBeDefined();
  });
});
