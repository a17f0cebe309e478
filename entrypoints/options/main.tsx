import { mountPage } from '@/src/ui/mount-page';
import { Options } from '@/src/ui/options';

mountPage('optionsTitle', <Options />);
