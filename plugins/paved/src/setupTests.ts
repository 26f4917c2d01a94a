import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Cards render after lazily loaded chunks and mocked requests; on a loaded
// 2-core machine that can exceed the 1 s default wait of findBy*/waitFor.
// These bound a hung test; they measure nothing.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// Cards share answers for a while (components/shared/useSharedQuery.ts);
// every test starts without any.
// eslint-disable-next-line import/no-extraneous-dependencies
import { clearSharedQueries } from './components/shared/useSharedQuery';

afterEach(() => clearSharedQueries());
